using ImapMcp.Mail.Internal;
using Microsoft.Data.Sqlite;

namespace ImapMcp.Mail.Tests.Cache;

/// <summary>The raw statement the sync's per-row writes go through: it must store and fail exactly as Microsoft.Data.Sqlite does.</summary>
public sealed class RawStatementTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public RawStatementTests()
    {
        _connection.Open();
        Execute("CREATE TABLE t(id INTEGER PRIMARY KEY, k TEXT UNIQUE, v);");
    }

    public void Dispose() => _connection.Dispose();

    public static TheoryData<object?> Values() =>
    [
        null,
        DBNull.Value,
        "",
        "Invitation to join the IEEE Reviewer Panel",
        "Ünïcødé ✓ 日本語 👍",
        "before\0after",
        "broken \ud800 pair",
        string.Concat(Enumerable.Repeat("Could we meet Thursday at 2pm? ", 500)),
        new byte[] { 0, 1, 2, 250, 255 },
        Array.Empty<byte>(),
        long.MinValue,
        42,
    ];

    [Theory]
    [MemberData(nameof(Values))]
    public void A_bound_value_is_stored_as_Microsoft_Data_Sqlite_stores_it(object? value)
    {
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO t(id, v) VALUES (1, $v);";
            command.Parameters.AddWithValue("$v", value ?? DBNull.Value);
            command.ExecuteNonQuery();
        }

        using (var insert = RawStatement.Prepare(_connection, "INSERT INTO t(id, v) VALUES (2, ?1);"))
        {
            insert.Bind(1, value);
            Assert.Equal(1, insert.Execute());
        }

        Assert.Equal(Stored(1), Stored(2));
    }

    [Fact]
    public void Typed_binds_store_text_blobs_integers_and_null()
    {
        using var insert = RawStatement.Prepare(_connection, "INSERT INTO t(id, v) VALUES (?1, ?2);");
        insert.Bind(1, 1);
        insert.Bind(2, "x");
        insert.Execute();
        insert.Bind(1, 2);
        insert.Bind(2, (ReadOnlySpan<byte>)[7, 8]);
        insert.Execute();
        insert.Bind(1, 3);
        insert.Bind(2, (string?)null);
        insert.Execute();
        insert.Bind(1, 4);
        insert.Bind(2, 5L);
        insert.Execute();

        Assert.Equal(("text", "78"), Stored(1));
        Assert.Equal(("blob", "0708"), Stored(2));
        Assert.Equal(("null", ""), Stored(3));
        Assert.Equal(("integer", "35"), Stored(4)); // hex() of an integer is the hex of its decimal text
    }

    [Fact]
    public void A_constraint_violation_throws_what_Microsoft_Data_Sqlite_throws_and_the_statement_stays_usable()
    {
        Execute("INSERT INTO t(k) VALUES ('taken');");
        SqliteException expected;
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO t(k) VALUES ('taken');";
            expected = Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());
        }

        using var insert = RawStatement.Prepare(_connection, "INSERT INTO t(k) VALUES (?1);");
        insert.Bind(1, "taken");
        var e = Assert.Throws<SqliteException>(() => insert.Execute());

        Assert.Equal(expected.Message, e.Message);
        Assert.Equal(expected.SqliteErrorCode, e.SqliteErrorCode);
        Assert.Equal(expected.SqliteExtendedErrorCode, e.SqliteExtendedErrorCode);
        Assert.Contains("UNIQUE constraint failed: t.k", e.Message, StringComparison.Ordinal);

        insert.Reset();
        insert.Bind(1, "free");
        Assert.Equal(1, insert.Execute());
        Assert.Equal(2L, Scalar("SELECT count(*) FROM t;"));
    }

    [Fact]
    public void Reset_clears_the_bindings_so_a_reused_statement_binds_null_where_nothing_was_bound()
    {
        using var insert = RawStatement.Prepare(_connection, "INSERT INTO t(k, v) VALUES (?1, ?2);");
        insert.Bind(1, "a");
        insert.Bind(2, "first");
        insert.Execute();
        insert.Bind(1, "b");
        insert.Execute();

        Assert.Equal("first", Scalar("SELECT v FROM t WHERE k = 'a';"));
        Assert.Equal(DBNull.Value, Scalar("SELECT v FROM t WHERE k = 'b';"));
    }

    [Fact]
    public void A_query_steps_through_its_rows_and_reads_each_column_type()
    {
        Execute("INSERT INTO t(id, k, v) VALUES (1, 'één', x'0102'), (2, NULL, 'tekst');");
        using var select = RawStatement.Prepare(_connection, "SELECT id, k, v FROM t WHERE id >= ?1 ORDER BY id;");
        for (var run = 0; run < 2; run++)
        {
            select.Bind(1, 1);
            Assert.True(select.Step());
            Assert.Equal(1, select.GetInt64(0));
            Assert.Equal("één", select.GetString(1));
            Assert.True(select.IsBlob(2));
            Assert.Equal(new byte[] { 1, 2 }, select.GetBlob(2).ToArray());
            Assert.True(select.Step());
            Assert.True(select.IsNull(1));
            Assert.False(select.IsBlob(2));
            Assert.Equal("tekst", select.GetString(2));
            Assert.False(select.Step());
            select.Reset();
        }
    }

    [Fact]
    public void Bad_sql_or_bad_binds_fail_naming_the_problem()
    {
        var syntax = Assert.Throws<SqliteException>(() => RawStatement.Prepare(_connection, "INSERT INTO nowhere VALUES (?1);"));
        Assert.Contains("no such table: nowhere", syntax.Message, StringComparison.Ordinal);
        var two = Assert.Throws<ArgumentException>(() => RawStatement.Prepare(_connection, "SELECT 1; SELECT 2;"));
        Assert.Contains("SELECT 2", two.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => RawStatement.Prepare(_connection, "  -- nothing\n"));

        using var insert = RawStatement.Prepare(_connection, "INSERT INTO t(v) VALUES (?1);");
        var range = Assert.Throws<SqliteException>(() => insert.Bind(2, "x"));
        Assert.Equal(25, range.SqliteErrorCode); // SQLITE_RANGE
        Assert.Throws<ArgumentException>(() => insert.Bind(1, 1.5));
        Assert.Equal(0L, Scalar("SELECT count(*) FROM t;"));
    }

    [Fact]
    public void Dispose_finalizes_the_statement_and_releases_what_it_held()
    {
        Execute("CREATE TABLE gone(x); INSERT INTO gone VALUES (1), (2);");
        var select = RawStatement.Prepare(_connection, "SELECT x FROM gone;");
        Assert.True(select.Step());

        // A statement in the middle of a run keeps the table in use; finalizing it lets go. (DROP runs raw too:
        // Microsoft.Data.Sqlite would retry a locked table for its whole command timeout.)
        using var drop = RawStatement.Prepare(_connection, "DROP TABLE gone;");
        var locked = Assert.Throws<SqliteException>(() => drop.Execute());
        Assert.Equal(6, locked.SqliteErrorCode); // SQLITE_LOCKED
        select.Dispose();
        drop.Reset();
        drop.Execute();

        Assert.Equal(0L, Scalar("SELECT count(*) FROM sqlite_master WHERE name = 'gone';"));
    }

    private (string Type, string Hex) Stored(long id)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT typeof(v), hex(v) FROM t WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return (reader.GetString(0), reader.GetString(1));
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
