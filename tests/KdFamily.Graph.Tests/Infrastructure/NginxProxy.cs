using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using KdFamily.Testing;

namespace KdFamily.Graph.Tests.Infrastructure;

/// <summary>
/// nginx from the machine (apt package <c>nginx</c>, installed by <c>scripts/prerequisites.sh --test</c>) running
/// <c>deploy/nginx/nginx.conf</c> in the foreground, in a temporary prefix, in front of the given loopback instances.
/// The committed file is used as it is, except for three test-local changes: its <c>upstream.conf</c> lists
/// the given instances, it listens on a free loopback port, and its logs, pid and temp files live in the prefix.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    private const string CommittedListen = "listen 5000;";
    private const string HttpBlock = "http {";

    private readonly Process _process;
    private readonly DirectoryInfo _prefix;
    private readonly StringBuilder _output;

    private NginxProxy(Process process, DirectoryInfo prefix, StringBuilder output, Uri baseAddress)
    {
        _process = process;
        _prefix = prefix;
        _output = output;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<NginxProxy> StartAsync(IEnumerable<Uri> upstreams)
    {
        ArgumentNullException.ThrowIfNull(upstreams);
        var nginx = FindNginx() ?? throw new InvalidOperationException(
            "nginx is not installed (looked in PATH, /usr/sbin and /usr/local/sbin). The two-instance deployment test needs it: " +
            "run scripts/prerequisites.sh --test, which installs the Debian package nginx.");

        var prefix = Directory.CreateTempSubdirectory("kdfamily-nginx-");
        var port = FreeLoopbackPort();
        var dir = prefix.FullName;
        var template = await File.ReadAllTextAsync(RepositoryRoot.Combine("deploy/nginx/nginx.conf"));
        var config = ReplaceOnce(template, CommittedListen, $"listen 127.0.0.1:{port};");
        config = ReplaceOnce(config, HttpBlock, HttpBlock + $"""

                access_log {dir}/access.log;
                client_body_temp_path {dir}/client_body;
                proxy_temp_path {dir}/proxy;
                fastcgi_temp_path {dir}/fastcgi;
                uwsgi_temp_path {dir}/uwsgi;
                scgi_temp_path {dir}/scgi;
            """);
        await File.WriteAllTextAsync(Path.Combine(dir, "nginx.conf"), config);
        await File.WriteAllLinesAsync(
            Path.Combine(dir, "upstream.conf"),
            upstreams.Select(u => string.Create(CultureInfo.InvariantCulture, $"server {u.Host}:{u.Port};")));

        // As root, nginx would hand its workers to "nobody", who cannot enter the private temp prefix.
        var globals = $"daemon off; pid {dir}/nginx.pid; error_log {dir}/error.log;" + (Environment.UserName == "root" ? " user root;" : "");
        var start = new ProcessStartInfo(nginx)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-c", Path.Combine(dir, "nginx.conf"), "-p", dir + "/", "-g", globals })
        {
            start.ArgumentList.Add(arg);
        }

        var output = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var proxy = new NginxProxy(process, prefix, output, new Uri($"http://127.0.0.1:{port}"));
        try
        {
            await proxy.WaitUntilListeningAsync(port);
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }

        return proxy;
    }

    /// <summary>What nginx printed and logged, for assertion messages.</summary>
    public string Describe()
    {
        var errorLog = Path.Combine(_prefix.FullName, "error.log");
        string log;
        lock (_output)
        {
            log = _output.ToString();
        }

        return $"--- nginx output ---\n{log}\n--- error.log ---\n{(File.Exists(errorLog) ? File.ReadAllText(errorLog) : "(none)")}";
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: the master stops and reaps its workers (a SIGKILL would orphan them), then exits.
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        try
        {
            _prefix.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A worker still closing a log file; the temp directory is left behind.
        }
    }

    private async Task WaitUntilListeningAsync(int port)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with code {_process.ExitCode}.\n{Describe()}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"nginx did not listen on port {port} within 30 s.\n{Describe()}");
            }
        }
    }

    private static string? FindNginx()
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/usr/local/sbin"]);
        return directories.Select(d => Path.Combine(d, "nginx")).FirstOrDefault(File.Exists);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string ReplaceOnce(string text, string find, string replacement)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        if (at < 0 || text.IndexOf(find, at + find.Length, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException($"deploy/nginx/nginx.conf must contain '{find}' exactly once; the test renders its local copy from it.");
        }

        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + find.Length));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
