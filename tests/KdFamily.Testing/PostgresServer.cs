using System.Diagnostics;
using KdFamily.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KdFamily.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster in a temp folder on a free loopback port. A migrated template database
/// is built once; each test class clones it (CREATE DATABASE … TEMPLATE), which takes milliseconds.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private const string TemplateDatabase = "kd_template";
    private readonly string _dataDirectory;
    private readonly string _binDirectory;
    private Process _process;
    private bool _disposed;
    private readonly SemaphoreSlim _createLock = new(1, 1);

    public int Port { get; }

    private PostgresServer(string dataDirectory, string binDirectory, int port, Process process)
    {
        _dataDirectory = dataDirectory;
        _binDirectory = binDirectory;
        Port = port;
        _process = process;
    }

    public static PostgresServer Start()
    {
        RemoveAbandonedClusters();
        var bin = ExternalProcess.PostgresBinDirectory();
        var root = Path.Combine(Path.GetTempPath(), "kdfamily-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        if (ExternalProcess.IsRoot)
        {
            ExternalProcess.RunToEnd(ExternalProcess.Plain("chown", "postgres", root));
        }

        var data = Path.Combine(root, "data");
        ExternalProcess.RunToEnd(ExternalProcess.AsPostgresUser(
            Path.Combine(bin, "initdb"), "-D", data, "-U", "kdfamily", "--auth=trust", "-E", "UTF8", "--no-sync"));

        var port = ExternalProcess.FreePort();
        var server = new PostgresServer(root, bin, port, StartPostmaster(bin, root, port));
        server.WaitUntilReady();
        server.CreateTemplate();
        return server;
    }

    private static Process StartPostmaster(string bin, string root, int port)
    {
        var start = ExternalProcess.AsPostgresUser(
            Path.Combine(bin, "postgres"), "-D", Path.Combine(root, "data"), "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-k", root, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off", "-c", "max_connections=300");
        var process = Process.Start(start) ?? throw new InvalidOperationException("postgres did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Stops the server (fast shutdown: sessions are terminated), as an outage or the first half of a restart.</summary>
    public void StopProcess()
    {
        ExternalProcess.RunToEnd(ExternalProcess.AsPostgresUser(
            Path.Combine(_binDirectory, "pg_ctl"), "-D", Path.Combine(_dataDirectory, "data"), "-m", "fast", "-w", "stop"));
        _process.WaitForExit(10_000);
    }

    /// <summary>Starts the stopped server again on the same port and data, and waits until it accepts connections.</summary>
    public void StartProcess()
    {
        _process.Dispose();
        _process = StartPostmaster(_binDirectory, _dataDirectory, Port);
        WaitUntilReady();
    }

    /// <summary>
    /// Deletes clusters earlier test runs left behind (a test host ended before its exit handler finished): folders
    /// older than ten minutes whose postmaster is not running. Younger ones may belong to a run starting right now.
    /// </summary>
    private static void RemoveAbandonedClusters()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), "kdfamily-pg-*"))
        {
            try
            {
                if (Directory.GetCreationTimeUtc(folder) > DateTime.UtcNow.AddMinutes(-10) || PostmasterIsRunning(folder))
                {
                    continue;
                }

                Directory.Delete(folder, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Someone else's or still in use: leave it.
            }
        }
    }

    private static bool PostmasterIsRunning(string folder)
    {
        var pidFile = Path.Combine(folder, "data", "postmaster.pid");
        return File.Exists(pidFile)
            && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid)
            && Directory.Exists($"/proc/{pid}");
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Database={database};Username=kdfamily;Include Error Detail=true";

    /// <summary>Creates a fresh, migrated database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "kd_" + Guid.NewGuid().ToString("N")[..16];
        // CREATE DATABASE … TEMPLATE fails if another session is connected to the template, so serialize.
        await _createLock.WaitAsync();
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE {TemplateDatabase}", connection);
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            _createLock.Release();
        }

        return ConnectionString(name);
    }

    private void WaitUntilReady()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var connection = new NpgsqlConnection(ConnectionString("postgres"));
                connection.Open();
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                Thread.Sleep(100);
            }
        }
    }

    private void CreateTemplate()
    {
        using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {TemplateDatabase}", connection);
            command.ExecuteNonQuery();
        }

        var options = new DbContextOptionsBuilder<KdFamilyDbContext>();
        // No pooling: an idle pooled connection to the template would block CREATE DATABASE … TEMPLATE.
        DataServiceCollectionExtensions.Configure(options, ConnectionString(TemplateDatabase) + ";Pooling=false");
        using (var db = new KdFamilyDbContext(options.Options))
        {
            db.Database.Migrate();
        }

        NpgsqlConnection.ClearAllPools();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        NpgsqlConnection.ClearAllPools();
        try
        {
            ExternalProcess.RunToEnd(ExternalProcess.AsPostgresUser(
                Path.Combine(_binDirectory, "pg_ctl"), "-D", Path.Combine(_dataDirectory, "data"), "-m", "immediate", "stop"));
        }
        catch (InvalidOperationException)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.WaitForExit(10_000);
        _process.Dispose();
        _createLock.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; the next run uses a new one.
        }
    }
}
