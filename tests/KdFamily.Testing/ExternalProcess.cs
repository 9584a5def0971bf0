using System.Diagnostics;

namespace KdFamily.Testing;

/// <summary>Runs the machine's server binaries (initdb, postgres, redis-server) for tests.</summary>
internal static class ExternalProcess
{
    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>PostgreSQL refuses to run as root; as root we run it as the Debian package's 'postgres' user.</summary>
    public static ProcessStartInfo AsPostgresUser(string file, params string[] args)
    {
        var info = new ProcessStartInfo(IsRoot ? "runuser" : file) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (IsRoot)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file })
            {
                info.ArgumentList.Add(a);
            }
        }

        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        return info;
    }

    public static ProcessStartInfo Plain(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        return info;
    }

    public static void RunToEnd(ProcessStartInfo info)
    {
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {info.FileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{info.FileName} {string.Join(' ', info.ArgumentList)} exited with {process.ExitCode}: {stdout.Result}{stderr.Result}");
        }
    }

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string PostgresBinDirectory()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(Directory.Exists).Order().ToList()
            : [];
        return candidates.LastOrDefault()
            ?? throw new InvalidOperationException("PostgreSQL server binaries not found under /usr/lib/postgresql; run scripts/prerequisites.sh");
    }
}
