using GraphQLServer.Relay;
using KdFamily.Domain.Tasks;
using KdFamily.Graph.Tests.Tasks;
using KdFamily.Testing;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Graph.Tests.Files;

/// <summary>
/// The CSRF guard of multipart uploads, as a browser meets it: a page of another site submits a multipart form to
/// /graphql. No CORS preflight precedes a form post, so the server itself must refuse it, and does: the browser cannot
/// add the preflight header a form lacks.
/// </summary>
public sealed class CrossSiteUploadTests(LocalStorageApiFactory factory) : IClassFixture<LocalStorageApiFactory>
{
    private readonly Uri _kestrel = factory.KestrelAddress;
    private readonly TaskMutationClient _api = new(factory);

    [Fact]
    public async Task CrossSiteFormPost_OfAMultipartUpload_IsRefusedAndUploadsNothing()
    {
        FamilyTask task = null!;
        await _api.SeedAsync(s => task = s.AddTask("Lawn", FamilyTaskStatus.InProgress, s.Members[2], 10, null, TaskMutationClient.Now));

        var run = await NodeScript.RunAsync("cross-site-form-upload.mjs", TimeSpan.FromMinutes(2), _kestrel.ToString(), GlobalId.Encode("Task", task.Id));

        Assert.True(run.ExitCode == 0, run.Describe());
        var verdict = run.ParseJsonVerdict();
        Assert.StartsWith("multipart/form-data", verdict["contentType"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("http://localhost:", verdict["origin"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(verdict["preflightHeader"]);
        Assert.Equal((400, "MULTIPART_PREFLIGHT_REQUIRED"), (verdict["status"]!.GetValue<int>(), verdict["code"]!.GetValue<string>()));
        Assert.False(await _api.DbAsync(db => db.TaskAttachments.AnyAsync(a => a.TaskId == task.Id)));
        Assert.Empty(await factory.StoredKeysAsync());
    }
}
