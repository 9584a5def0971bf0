using KdFamily.Graph.Tests.Infrastructure;

namespace KdFamily.Graph.Tests.Server.BananaCakePop;

/// <summary>Banana Cake Pop in headless Chromium against the real host, with every off-origin request blocked.</summary>
public sealed class BananaCakePopBrowserTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    [Fact]
    public async Task OpenGraphQLInBrowser_Offline_IdeLoadsAndIntrospectsSchema()
    {
        var baseAddress = factory.StartKestrel();

        var run = await NodeScript.RunAsync("bcp-browser.mjs", TimeSpan.FromMinutes(3), baseAddress.ToString());

        Assert.True(run.ExitCode == 0, run.Describe());
        var verdict = run.ParseJsonVerdict();
        Assert.True(verdict["ok"]!.GetValue<bool>(), run.Describe());
        Assert.Equal(new Uri(baseAddress, "/graphql/").ToString(), verdict["pageUrl"]!.GetValue<string>());
        Assert.True(verdict["configFetched"]!.GetValue<bool>(), run.Describe());
        Assert.Equal(200, verdict["introspection"]!["status"]!.GetValue<int>());
        Assert.True(verdict["introspection"]!["typeCount"]!.GetValue<int>() > 0, run.Describe());
        Assert.True(verdict["blockedRequests"]!.AsArray().Count == 0, "The IDE tried to leave the server (offline use would degrade):\n" + run.Describe());
    }
}
