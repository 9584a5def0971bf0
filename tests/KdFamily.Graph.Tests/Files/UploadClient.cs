using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQLServer.Relay;
using KdFamily.Domain.Users;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Testing;

namespace KdFamily.Graph.Tests.Files;

/// <summary>Uploads through the real multipart client (tests/node/upload-client.mjs: fetch + FormData) against the host's Kestrel port.</summary>
public sealed class UploadClient(UploadApiFactory factory)
{
    public string TokenFor(User user) => TestTokens.For(factory.Services, user);

    /// <summary>The HTTP status and the JSON answer of an <c>AddTaskAttachment</c> multipart request.</summary>
    public async Task<(int Status, JsonNode Body)> UploadAsync(User caller, Guid taskId, byte[] file, string fileName, bool preflight = true)
    {
        var directory = Directory.CreateTempSubdirectory("kdfamily-upload-").FullName;
        try
        {
            var operations = Path.Combine(directory, "operations.json");
            await File.WriteAllTextAsync(operations, JsonSerializer.Serialize(new
            {
                query = Operations.Load("AddTaskAttachment"),
                variables = new { input = new { taskId = GlobalId.Encode("Task", taskId), file = (object?)null } },
            }));
            var path = Path.Combine(directory, "file");
            await File.WriteAllBytesAsync(path, file);
            string[] args = [new Uri(factory.KestrelAddress, "/graphql").ToString(), TokenFor(caller), operations, path, fileName];
            var run = await NodeScript.RunAsync("upload-client.mjs", preflight ? args : [.. args, "--no-preflight"]);
            Assert.True(run.ExitCode == 0, run.Describe());
            var verdict = run.ParseJsonVerdict();
            return (verdict["status"]!.GetValue<int>(), verdict["body"]!);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The payload of a successful request (<c>data.addTaskAttachment</c>); fails on request-level errors.</summary>
    public async Task<JsonNode> AddAsync(User caller, Guid taskId, byte[] file, string fileName)
    {
        var (status, body) = await UploadAsync(caller, taskId, file, fileName);
        Assert.True(status == 200 && body["errors"] is null, body.ToJsonString());
        return body["data"]!["addTaskAttachment"]!;
    }

    public async Task<HttpResponseMessage> DownloadAsync(string url, User? caller)
    {
        using var client = new HttpClient { BaseAddress = factory.KestrelAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        if (caller is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(caller));
        }

        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
