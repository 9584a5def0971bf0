namespace KdFamily.Testing;

/// <summary>
/// The PostgreSQL and Redis servers shared by one test run: started on first use, stopped when the
/// test process exits. Test classes get their own database from <see cref="PostgresServer.CreateDatabaseAsync"/>.
/// </summary>
public static class TestServers
{
    private static readonly Lazy<PostgresServer> LazyPostgres = new(() => Register(PostgresServer.Start()));
    private static readonly Lazy<RedisServer> LazyRedis = new(() => Register(RedisServer.Start()));

    public static PostgresServer Postgres => LazyPostgres.Value;

    public static RedisServer Redis => LazyRedis.Value;

    private static T Register<T>(T server)
        where T : IDisposable
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    }
}
