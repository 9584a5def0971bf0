using KdFamily.Domain.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace KdFamily.Graph.Tests.Infrastructure;

/// <summary>The real host with a <see cref="CommitGate"/> on every DbContext it creates.</summary>
public sealed class CommitGateApiFactory : KdFamilyApiFactory
{
    public CommitGate Commits { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.ConfigureDbContext<KdFamilyDbContext>(options => options.AddInterceptors(Commits)));
    }
}
