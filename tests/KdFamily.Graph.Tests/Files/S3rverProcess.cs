using System.Diagnostics;
using System.Text.Json.Nodes;
using KdFamily.Testing;

namespace KdFamily.Graph.Tests.Files;

/// <summary>
/// A local S3-compatible server (s3rver, pinned in tests/node) on a free port, with one bucket, its objects in a
/// throwaway folder; stopped (its stdin closed, then killed) on disposal.
/// </summary>
public sealed class S3rverProcess : IDisposable
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private readonly Process _process;
    private readonly string _directory = Directory.CreateTempSubdirectory("kdfamily-s3rver-").FullName;

    public S3rverProcess(string bucket)
    {
        Bucket = bucket;
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { RepositoryRoot.Combine("tests/node/s3-server.mjs"), _directory, bucket })
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("Could not start node s3-server.mjs");
        var started = _process.StandardOutput.ReadLineAsync();
        if (!started.Wait(TimeSpan.FromSeconds(30)) || started.Result is not { } line)
        {
            _process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("s3rver did not start within 30 s: " + _process.StandardError.ReadToEnd());
        }

        Endpoint = new Uri($"http://127.0.0.1:{JsonNode.Parse(line)!["port"]!.GetValue<int>()}");
    }

    public string Bucket { get; }

    public Uri Endpoint { get; }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        finally
        {
            _process.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
