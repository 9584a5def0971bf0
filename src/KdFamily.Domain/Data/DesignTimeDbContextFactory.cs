using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KdFamily.Domain.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the host; no database is contacted.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<KdFamilyDbContext>
{
    public KdFamilyDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<KdFamilyDbContext>();
        DataServiceCollectionExtensions.Configure(options, "Host=localhost;Database=kdfamily_design");
        return new KdFamilyDbContext(options.Options);
    }
}
