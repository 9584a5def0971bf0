namespace KdFamily.Testing;

/// <summary>
/// The PostgreSQL and Redis servers shared by one test run: started on first use, stopped when the
/// test process exits. Test classes get their own database from <see cref="PostgresServer.CreateDatabaseAsync"/>.
/// </summary>
public static class TestServers
{
    private static readonly Lazy<PostgresServer> LazyPostgres = new(PostgresServer.Start);
    private static readonly Lazy<RedisServer> LazyRedis = new(RedisServer.Start);

    static TestServers()
    {
        // One handler, fastest first: the test host may be ended soon after its exit handlers start, and
        // killing redis-server is instant while stopping PostgreSQL takes a moment.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (LazyRedis.IsValueCreated)
            {
                LazyRedis.Value.Dispose();
            }

            if (LazyPostgres.IsValueCreated)
            {
                LazyPostgres.Value.Dispose();
            }
        };
    }

    public static PostgresServer Postgres => LazyPostgres.Value;

    public static RedisServer Redis => LazyRedis.Value;
}
