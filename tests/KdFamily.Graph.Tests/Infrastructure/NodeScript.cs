using System.Diagnostics;
using System.Text.Json.Nodes;

namespace KdFamily.Graph.Tests.Infrastructure;

/// <summary>The outcome of one run of a node script from tests/node.</summary>
public sealed record NodeScriptResult(string Script, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>A description to put in assertion messages: the script, its exit code and both output streams.</summary>
    public string Describe() =>
        $"node {Script} exited with {ExitCode}.\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";

    /// <summary>Parses the last non-empty stdout line as JSON (scripts print their verdict last); fails with the whole output.</summary>
    public JsonNode ParseJsonVerdict()
    {
        var line = StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        try
        {
            return JsonNode.Parse(line ?? "") ?? throw new InvalidOperationException("The script printed JSON null.\n" + Describe());
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new InvalidOperationException("The script did not print a JSON verdict.\n" + Describe(), ex);
        }
    }
}

/// <summary>
/// Runs <c>node tests/node/&lt;script&gt; args...</c> from the repository (found by walking up to KdFamily.sln),
/// with a timeout. The npm packages come from <c>tests/node/node_modules</c> (scripts/prerequisites.sh --test).
/// </summary>
public static class NodeScript
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string ScriptsDirectory => Path.Combine(RepositoryRoot, "tests", "node");

    public static async Task<NodeScriptResult> RunAsync(string script, IEnumerable<string> args, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (!Directory.Exists(Path.Combine(ScriptsDirectory, "node_modules")))
        {
            throw new InvalidOperationException(
                $"{ScriptsDirectory}/node_modules is missing; run scripts/prerequisites.sh --test (it runs npm ci there).");
        }

        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = ScriptsDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start node; is Node.js installed?");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException(
                $"node {script} did not finish within {timeout ?? DefaultTimeout}.\n" + new NodeScriptResult(script, -1, await stdout, await stderr).Describe());
        }

        return new NodeScriptResult(script, process.ExitCode, await stdout, await stderr);
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KdFamily.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"KdFamily.sln not found above {AppContext.BaseDirectory}.");
    }
}
