namespace KdFamily.Testing;

/// <summary>The repository's root: the nearest directory above the test binaries that holds KdFamily.sln.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    /// <summary>The absolute path of <paramref name="relative"/> (forward slashes allowed) under the root.</summary>
    public static string Combine(string relative) =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, relative.Replace('/', System.IO.Path.DirectorySeparatorChar)));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "KdFamily.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"KdFamily.sln not found above {AppContext.BaseDirectory}");
    }
}
