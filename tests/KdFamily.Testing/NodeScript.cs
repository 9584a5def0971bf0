using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KdFamily.Testing;

/// <summary>What a node script did: its exit code and both output streams.</summary>
public sealed record NodeResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Exit code and both streams, for assertion messages.</summary>
    public string Describe() => $"exit code {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";

    /// <summary>The last non-empty stdout line parsed as JSON (scripts print their verdict last); fails with the whole output.</summary>
    public JsonNode ParseJsonVerdict()
    {
        var line = Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        try
        {
            return JsonNode.Parse(line ?? "") ?? throw new InvalidOperationException("The script printed JSON null.\n" + Describe());
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException("The script did not print a JSON verdict.\n" + Describe(), ex);
        }
    }
}

/// <summary>
/// Runs <c>node tests/node/&lt;script&gt; args</c> from the repository root (so relative paths in the script resolve
/// against it) and waits for it, killing it after <see cref="Timeout"/> or the given timeout. The packages come from tests/node/node_modules
/// (<c>cd tests/node &amp;&amp; npm ci</c>).
/// </summary>
public static class NodeScript
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static Task<NodeResult> RunAsync(string script, params string[] args) => RunAsync(script, Timeout, args);

    public static async Task<NodeResult> RunAsync(string script, TimeSpan timeout, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var scriptPath = RepositoryRoot.Combine("tests/node/" + script);
        if (!File.Exists(scriptPath))
        {
            throw new FileNotFoundException($"node script not found: {scriptPath}");
        }

        if (!Directory.Exists(RepositoryRoot.Combine("tests/node/node_modules")))
        {
            throw new InvalidOperationException("tests/node/node_modules is missing; run `cd tests/node && npm ci` (scripts/prerequisites.sh --test does).");
        }

        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(scriptPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start node");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException(
                $"node {script} {string.Join(' ', args)} did not finish within {timeout}.\n--- stdout ---\n{await stdout}\n--- stderr ---\n{await stderr}");
        }

        return new NodeResult(process.ExitCode, await stdout, await stderr);
    }
}
