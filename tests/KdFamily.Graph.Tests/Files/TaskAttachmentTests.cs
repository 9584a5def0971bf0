using System.Net;
using System.Net.Http.Headers;
using GraphQLServer.Relay;
using KdFamily.Domain.Tasks;
using KdFamily.Graph.Files;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Graph.Tests.Subscriptions;
using KdFamily.Graph.Tests.Tasks;
using KdFamily.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace KdFamily.Graph.Tests.Files;

public sealed class LocalStorageTaskAttachmentTests(LocalStorageApiFactory factory)
    : TaskAttachmentTests(factory), IClassFixture<LocalStorageApiFactory>;

public sealed class S3StorageTaskAttachmentTests(S3StorageApiFactory factory)
    : TaskAttachmentTests(factory), IClassFixture<S3StorageApiFactory>;

/// <summary>Photo proof end to end, through a real multipart client, against each storage backend.</summary>
public abstract class TaskAttachmentTests(UploadApiFactory factory)
{
    // The node client needs a real socket: Kestrel starts before anything (the seeding too) builds the host.
    private readonly Uri _kestrel = factory.KestrelAddress;
    private readonly TaskMutationClient _api = new(factory);
    private readonly UploadClient _uploads = new(factory);

    [Fact]
    public async Task AddTaskAttachment_AssigneesPhotoWithGps_IsStoredWithoutLocationAndDownloadsThroughItsSignedLink()
    {
        FamilyTask task = null!;
        var seed = await _api.SeedAsync(s => task = s.AddTask("Lawn", FamilyTaskStatus.InProgress, s.Members[2], 10, null, TaskMutationClient.Now));
        var photo = TestImages.JpegWithGps();

        var payload = await _uploads.AddAsync(seed.Members[2], task.Id, photo, "../../lawn.jpg");

        Assert.Null(payload["errors"]);
        var file = payload["file"]!;
        Assert.Equal(("lawn.jpg", "image/jpeg", photo.Length), (file["name"]!.GetValue<string>(), file["contentType"]!.GetValue<string>(), file["sizeBytes"]!.GetValue<int>()));
        Assert.Equal(GlobalId.Encode("User", seed.Members[2].Id), file["uploadedBy"]!["id"]!.GetValue<string>());
        var url = file["url"]!.GetValue<string>();
        Assert.StartsWith("/files/", url, StringComparison.Ordinal);

        using var download = await _uploads.DownloadAsync(url, seed.Members[1]);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("image/jpeg", download.Content.Headers.ContentType!.MediaType);
        var stored = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal(photo.Length, stored.Length);
        Assert.NotEqual(-1, TestImages.IndexOf(photo, TestImages.LatitudeRationals));
        Assert.Equal(-1, TestImages.IndexOf(stored, TestImages.LatitudeRationals));
        Assert.Equal(-1, TestImages.IndexOf(stored, "GPSLatitude"u8));

        var fileId = GlobalId.Decode(file["id"]!.GetValue<string>(), "File")!.Value;
        var row = await _api.DbAsync(db => db.TaskAttachments.SingleAsync(a => a.Id == fileId));
        Assert.Equal((task.Id, seed.Members[2].Id, (long)photo.Length), (row.TaskId, row.UploadedById, row.SizeBytes));
        Assert.Equal([row.StorageKey!], await factory.StoredKeysAsync() is var keys ? keys.Where(k => k.Contains(fileId.ToString("N"), StringComparison.Ordinal)).ToList() : null);
        Assert.True(await _api.DbAsync(db => db.AuditLog.AnyAsync(a => a.Action == "task.attachment_added" && a.TargetId == task.Id && a.ActorId == seed.Members[2].Id)));
        Assert.Empty(Directory.GetFiles(factory.SpoolPath));
    }

    [Fact]
    public async Task AddTaskAttachment_HeicWithGps_IsStoredWithoutLocationKeepingTheImage()
    {
        FamilyTask task = null!;
        var seed = await _api.SeedAsync(s => task = s.AddTask("Dishes", FamilyTaskStatus.InProgress, s.Members[2], 10, null, TaskMutationClient.Now));
        var photo = TestImages.HeicWithGps();

        var payload = await _uploads.AddAsync(seed.Members[2], task.Id, photo, "IMG_0001.HEIC");

        Assert.Null(payload["errors"]);
        var file = payload["file"]!;
        Assert.Equal(("image/heic", photo.Length), (file["contentType"]!.GetValue<string>(), file["sizeBytes"]!.GetValue<int>()));
        using var download = await _uploads.DownloadAsync(file["url"]!.GetValue<string>(), seed.Members[1]);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var stored = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal(photo.Length, stored.Length);
        Assert.NotEqual(-1, TestImages.IndexOf(photo, TestImages.LatitudeRationals));
        Assert.Equal(-1, TestImages.IndexOf(stored, TestImages.LatitudeRationals));
        Assert.Equal(-1, TestImages.IndexOf(stored, "GPSLatitude"u8));
        var imageAt = TestImages.IndexOf(photo, TestImages.HeicImageData);
        Assert.Equal(imageAt, TestImages.IndexOf(stored, TestImages.HeicImageData));
        Assert.Equal(photo[..imageAt], stored[..imageAt]); // ftyp and meta as sent
    }

    [Fact]
    public async Task AddTaskAttachment_TaskQuery_ListsTheFileWithAFreshLink()
    {
        FamilyTask task = null!;
        var seed = await _api.SeedAsync(s => task = s.AddTask("Beds", FamilyTaskStatus.Completed, s.Members[3], 5, null, TaskMutationClient.Now));
        await _uploads.AddAsync(seed.Members[1], task.Id, TestImages.PngWithGps(), "beds.png");

        using var client = factory.CreateClient();
        var answer = await client.PostGraphQLAsync(
            "query($id: ID!) { task(id: $id) { attachments { id name contentType sizeBytes sizeInBytes url } } }",
            new { id = GlobalId.Encode("Task", task.Id) }, _api.TokenFor(seed.Members[3]));

        var attachment = answer["data"]!["task"]!["attachments"]![0]!;
        Assert.Equal(("beds.png", "image/png"), (attachment["name"]!.GetValue<string>(), attachment["contentType"]!.GetValue<string>()));
        Assert.Equal(attachment["sizeBytes"]!.GetValue<int>(), attachment["sizeInBytes"]!.GetValue<int>());
        using var download = await _uploads.DownloadAsync(attachment["url"]!.GetValue<string>(), seed.Members[3]);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(-1, TestImages.IndexOf(await download.Content.ReadAsByteArrayAsync(), TestImages.LatitudeRationals));
    }

    [Fact]
    public async Task AddTaskAttachment_LargerThanTheLimit_IsFileTooLargeAndNothingIsKept()
    {
        FamilyTask task = null!;
        var seed = await _api.SeedAsync(s => task = s.AddTask("Car", FamilyTaskStatus.InProgress, s.Members[2], 10, null, TaskMutationClient.Now));
        var tooLarge = new byte[UploadApiFactory.MaxFileBytes + 1];
        TestImages.JpegWithGps().CopyTo(tooLarge, 0);

        var payload = await _uploads.AddAsync(seed.Members[2], task.Id, tooLarge, "car.jpg");

        AssertError(payload, "FileTooLargeError", "FILE_TOO_LARGE");
        Assert.Equal(UploadApiFactory.MaxFileBytes, payload["errors"]![0]!["maxBytes"]!.GetValue<int>());
        await AssertNothingKeptAsync(task.Id);
    }

    [Fact]
    public async Task AddTaskAttachment_ExecutableNamedLikeAPhoto_IsUnsupportedFileTypeAndNothingIsKept()
    {
        FamilyTask task = null!;
        var seed = await _api.SeedAsync(s => task = s.AddTask("Car", FamilyTaskStatus.InProgress, s.Members[2], 10, null, TaskMutationClient.Now));
        byte[] executable = [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0, 0xB8];

        var payload = await _uploads.AddAsync(seed.Members[2], task.Id, executable, "proof.jpg");

        AssertError(payload, "UnsupportedFileTypeError", "UNSUPPORTED_FILE_TYPE");
        await AssertNothingKeptAsync(task.Id);
    }

    [Fact]
    public async Task AddTaskAttachment_MemberWhoIsNotTheAssignee_IsNotAuthorizedAndNothingIsKept()
    {
        FamilyTask task = null!;
        var seed = await _api.SeedAsync(s => task = s.AddTask("Car", FamilyTaskStatus.InProgress, s.Members[2], 10, null, TaskMutationClient.Now));

        var payload = await _uploads.AddAsync(seed.Members[3], task.Id, TestImages.JpegWithGps(), "car.jpg");

        AssertError(payload, "NotAuthorizedError", "NOT_AUTHORIZED");
        await AssertNothingKeptAsync(task.Id);
    }

    [Fact]
    public async Task AddTaskAttachment_AnotherFamilysTask_IsNotFound()
    {
        FamilyTask task = null!;
        await _api.SeedAsync(s => task = s.AddTask("Theirs", FamilyTaskStatus.InProgress, s.Members[2], 10, null, TaskMutationClient.Now));
        var stranger = await _api.SeedAsync();

        var payload = await _uploads.AddAsync(stranger.Members[1], task.Id, TestImages.JpegWithGps(), "x.jpg");

        AssertError(payload, "NotFoundError", "NOT_FOUND");
        await AssertNothingKeptAsync(task.Id);
    }

    [Fact]
    public async Task Multipart_WithoutThePreflightHeader_IsRefusedBeforeAnythingRuns()
    {
        FamilyTask task = null!;
        var seed = await _api.SeedAsync(s => task = s.AddTask("Car", FamilyTaskStatus.InProgress, s.Members[2], 10, null, TaskMutationClient.Now));

        // What a cross-site HTML form can send: multipart/form-data, no custom header (here even with a valid token).
        var (status, body) = await _uploads.UploadAsync(seed.Members[2], task.Id, TestImages.JpegWithGps(), "car.jpg", preflight: false);

        Assert.Equal(400, status);
        Assert.Equal("MULTIPART_PREFLIGHT_REQUIRED", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Null(body["data"]);
        await AssertNothingKeptAsync(task.Id);
    }

    [Fact]
    public async Task Upload_AbortedHalfWay_LeavesNoRowNoObjectAndNoSpooledFile()
    {
        FamilyTask task = null!;
        var seed = await _api.SeedAsync(s => task = s.AddTask("Car", FamilyTaskStatus.InProgress, s.Members[2], 10, null, TaskMutationClient.Now));
        var operations = System.Text.Json.JsonSerializer.Serialize(new
        {
            query = Operations.Load("AddTaskAttachment"),
            variables = new { input = new { taskId = GlobalId.Encode("Task", task.Id), file = (object?)null } },
        });
        using var form = new MultipartFormDataContent
        {
            { new StringContent(operations), "operations" },
            { new StringContent("""{"0": ["variables.input.file"]}"""), "map" },
            { new StreamContent(new AbortingStream([.. TestImages.JpegWithGps(), .. new byte[48 * 1024]], factory.SpoolPath)), "0", "car.jpg" },
        };
        using var client = new HttpClient { BaseAddress = _kestrel };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/graphql", UriKind.Relative)) { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _api.TokenFor(seed.Members[2]));
        request.Headers.Add("GraphQL-Preflight", "1");
        request.Headers.TransferEncodingChunked = true;

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.SendAsync(request));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Directory.GetFiles(factory.SpoolPath).Length > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the spooled part of the aborted upload was not deleted within 10 s");
            await Task.Delay(50);
        }

        await AssertNothingKeptAsync(task.Id);
    }

    [Fact]
    public async Task Upload_BodyEndingInsideTheFilePart_IsRefusedAndLeavesNothing()
    {
        FamilyTask task = null!;
        var seed = await _api.SeedAsync(s => task = s.AddTask("Car", FamilyTaskStatus.InProgress, s.Members[2], 10, null, TaskMutationClient.Now));
        var operations = System.Text.Json.JsonSerializer.Serialize(new
        {
            query = Operations.Load("AddTaskAttachment"),
            variables = new { input = new { taskId = GlobalId.Encode("Task", task.Id), file = (object?)null } },
        });
        using var form = new MultipartFormDataContent("kd-truncated")
        {
            { new StringContent(operations), "operations" },
            { new StringContent("""{"0": ["variables.input.file"]}"""), "map" },
            { new ByteArrayContent(TestImages.JpegWithGps()), "0", "car.jpg" },
        };
        var complete = await form.ReadAsByteArrayAsync();
        using var truncated = new ByteArrayContent(complete[..^200]); // a well-framed HTTP body that stops mid-part
        truncated.Headers.ContentType = form.Headers.ContentType;
        using var client = new HttpClient { BaseAddress = _kestrel };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/graphql", UriKind.Relative)) { Content = truncated };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _api.TokenFor(seed.Members[2]));
        request.Headers.Add("GraphQL-Preflight", "1");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("INVALID_MULTIPART_REQUEST", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Directory.GetFiles(factory.SpoolPath).Length > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the spooled part of the truncated upload was not deleted within 10 s");
            await Task.Delay(50);
        }

        await AssertNothingKeptAsync(task.Id);
    }

    [Fact]
    public async Task RemoveTaskAttachment_ByAParent_DeletesTheRowAndTheStoredObject()
    {
        FamilyTask task = null!;
        var seed = await _api.SeedAsync(s => task = s.AddTask("Lawn", FamilyTaskStatus.Completed, s.Members[2], 10, null, TaskMutationClient.Now));
        var added = await _uploads.AddAsync(seed.Members[2], task.Id, TestImages.JpegWithGps(), "lawn.jpg");
        var fileId = added["file"]!["id"]!.GetValue<string>();
        Assert.Single(await factory.StoredKeysAsync(), k => k.Contains(GlobalId.Decode(fileId, "File")!.Value.ToString("N"), StringComparison.Ordinal));

        var sibling = await _api.RunAsync("RemoveTaskAttachment", seed.Members[3], new { fileId });
        AssertError(sibling, "NotAuthorizedError", "NOT_AUTHORIZED");
        var payload = await _api.RunAsync("RemoveTaskAttachment", seed.Members[1], new { fileId });

        Assert.Null(payload["errors"]);
        Assert.Empty(payload["task"]!["attachments"]!.AsArray());
        await AssertNothingKeptAsync(task.Id);
        Assert.True(await _api.DbAsync(db => db.AuditLog.AnyAsync(a => a.Action == "task.attachment_removed" && a.TargetId == task.Id && a.ActorId == seed.Members[1].Id)));
        using var gone = await _uploads.DownloadAsync(added["file"]!["url"]!.GetValue<string>(), seed.Members[1]);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task TaskUpdated_AddAndRemoveAttachment_CarryTheTasksAttachments()
    {
        var scenario = new SubscriptionScenario(factory);
        FamilyTask task = null!;
        var seed = await _api.SeedAsync(s => task = s.AddTask("Lawn", FamilyTaskStatus.InProgress, s.Members[2], 10, null, TaskMutationClient.Now));
        using var subscriber = await scenario.SubscribeAsync("OnTaskUpdated", seed, seed.Members[1]);

        var added = await _uploads.AddAsync(seed.Members[2], task.Id, TestImages.JpegWithGps(), "lawn.jpg");
        var fileId = added["file"]!["id"]!.GetValue<string>();
        var afterAdd = await subscriber.NextAsync("taskUpdated");
        await _api.RunAsync("RemoveTaskAttachment", seed.Members[2], new { fileId });
        var afterRemove = await subscriber.NextAsync("taskUpdated");

        Assert.Equal(GlobalId.Encode("Task", task.Id), afterAdd["id"]!.GetValue<string>());
        var attachment = Assert.Single(afterAdd["attachments"]!.AsArray())!;
        Assert.Equal((fileId, "lawn.jpg"), (attachment["id"]!.GetValue<string>(), attachment["name"]!.GetValue<string>()));
        Assert.StartsWith("/files/", attachment["url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(afterRemove["attachments"]!.AsArray());
    }

    [Fact]
    public async Task DeleteFamily_WithUploadedFiles_DeletesTheirStoredBytes()
    {
        FamilyTask task = null!;
        var seed = await _api.SeedAsync(s => task = s.AddTask("Lawn", FamilyTaskStatus.InProgress, s.Members[2], 10, null, TaskMutationClient.Now));
        var added = await _uploads.AddAsync(seed.Members[2], task.Id, TestImages.JpegWithGps(), "lawn.jpg");
        var key = $"attachments/{GlobalId.Decode(added["file"]!["id"]!.GetValue<string>(), "File")!.Value:N}";
        Assert.Contains(key, (await factory.StoredKeysAsync()).Select(k => k.Replace('\\', '/')));

        var deleted = await _api.RunAsync("DeleteFamily", seed.Advisor, new { confirmName = seed.Family.Name });

        Assert.Null(deleted["errors"]);
        Assert.DoesNotContain(key, (await factory.StoredKeysAsync()).Select(k => k.Replace('\\', '/')));
    }

    [Fact]
    public async Task FileLink_TamperedExpiredForeignOrAnonymous_IsRefused()
    {
        FamilyTask task = null!;
        var seed = await _api.SeedAsync(s => task = s.AddTask("Lawn", FamilyTaskStatus.Completed, s.Members[2], 10, null, TaskMutationClient.Now));
        var stranger = await _api.SeedAsync();
        var added = await _uploads.AddAsync(seed.Members[2], task.Id, TestImages.JpegWithGps(), "lawn.jpg");
        var url = added["file"]!["url"]!.GetValue<string>();
        var fileId = GlobalId.Decode(added["file"]!["id"]!.GetValue<string>(), "File")!.Value;
        var signature = url[(url.IndexOf("signature=", StringComparison.Ordinal) + 10)..];
        var tampered = url.Replace(signature, (signature[0] == 'A' ? "B" : "A") + signature[1..], StringComparison.Ordinal);
        var expired = factory.Services.GetRequiredService<FileLinks>().Issue(fileId, SystemClock.Instance.GetCurrentInstant() - Duration.FromHours(1));
        var otherFile = url.Replace(fileId.ToString("N"), Guid.CreateVersion7().ToString("N"), StringComparison.Ordinal);

        using (var genuine = await _uploads.DownloadAsync(url, seed.Members[3]))
        {
            Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        }

        Assert.Equal(
            [HttpStatusCode.NotFound, HttpStatusCode.Gone, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.Unauthorized],
            [
                await StatusAsync(tampered, seed.Members[3]),
                await StatusAsync(expired, seed.Members[3]),
                await StatusAsync(otherFile, seed.Members[3]),
                await StatusAsync(url, stranger.Members[1]),
                await StatusAsync(url, null),
            ]);
    }

    private async Task<HttpStatusCode> StatusAsync(string url, Domain.Users.User? caller)
    {
        using var response = await _uploads.DownloadAsync(url, caller);
        return response.StatusCode;
    }

    private async Task AssertNothingKeptAsync(Guid taskId)
    {
        Assert.False(await _api.DbAsync(db => db.TaskAttachments.AnyAsync(a => a.TaskId == taskId)));
        var keysOfRows = await _api.DbAsync(db => db.TaskAttachments.Where(a => a.StorageKey != null).Select(a => a.StorageKey!).ToListAsync());
        var orphans = (await factory.StoredKeysAsync()).Select(k => k.Replace('\\', '/')).Except(keysOfRows).ToList();
        Assert.Empty(orphans);
        Assert.Empty(Directory.GetFiles(factory.SpoolPath));
    }

    private static void AssertError(System.Text.Json.Nodes.JsonNode payload, string typeName, string code)
    {
        Assert.True(payload["file"] is null && payload["task"] is null, payload.ToJsonString());
        var error = payload["errors"]![0]!;
        Assert.Equal((typeName, code), (error["__typename"]!.GetValue<string>(), error["code"]!.GetValue<string>()));
    }

    /// <summary>
    /// A file part that sends its first half, waits until the server has spooled something (so the upload is genuinely
    /// under way), then fails: the client aborts the request.
    /// </summary>
    private sealed class AbortingStream(byte[] content, string spoolPath) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var half = content.Length / 2;
            if (_position < half)
            {
                var n = Math.Min(buffer.Length, half - _position);
                content.AsMemory(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }

            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (Directory.GetFiles(spoolPath).Length == 0)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException("the server never started spooling the upload");
                }

                await Task.Delay(20, cancellationToken);
            }

            throw new IOException("the client goes away half-way through the upload");
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
