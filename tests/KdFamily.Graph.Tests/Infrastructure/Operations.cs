namespace KdFamily.Graph.Tests.Infrastructure;

/// <summary>The operations frontend teams use, read from schema/operations/*.graphql so tests run them verbatim.</summary>
public static class Operations
{
    public static string Load(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "schema", "operations", name + ".graphql");
            if (File.Exists(path))
            {
                return File.ReadAllText(path);
            }
        }

        throw new FileNotFoundException($"schema/operations/{name}.graphql not found above {AppContext.BaseDirectory}");
    }
}
