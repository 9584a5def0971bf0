using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace KdFamily.Testing;

/// <summary>A throwaway redis-server on a free loopback port; can be stopped and restarted on the same port.</summary>
public sealed class RedisServer : IDisposable
{
    private Process? _process;

    public int Port { get; } = ExternalProcess.FreePort();

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static RedisServer Start()
    {
        var server = new RedisServer();
        server.StartProcess();
        return server;
    }

    public void StartProcess()
    {
        var info = ExternalProcess.Plain("redis-server", "--port", Port.ToString(CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1", "--save", "", "--appendonly", "no");
        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                Thread.Sleep(50);
            }
        }
    }

    public void StopProcess()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose() => StopProcess();
}
