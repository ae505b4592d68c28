using System.Buffers;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ImapMcp.Mail.Internal;

/// <summary>
/// One SQL statement prepared once on a connection's SQLite handle and run many times: bind by index, step, reset.
/// For the sync's per-row writes, where Microsoft.Data.Sqlite's per-execution parameter handling costs more than the
/// row itself. Failures throw the <see cref="SqliteException"/> Microsoft.Data.Sqlite would throw for the same call.
/// Not thread-safe; dispose before the connection closes. Runs inside the caller's transaction, if any.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private const int StackText = 1024;

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;

    private RawStatement(sqlite3 db, sqlite3_stmt stmt)
    {
        _db = db;
        _stmt = stmt;
    }

    /// <summary>Prepares one statement (no trailing second statement) for repeated use on <paramref name="connection"/>.</summary>
    public static RawStatement Prepare(SqliteConnection connection, string sql)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v3(db, sql, raw.SQLITE_PREPARE_PERSISTENT, out var stmt, out var tail);
        if (rc != raw.SQLITE_OK)
        {
            stmt?.Dispose();
            SqliteException.ThrowExceptionForRC(rc, db);
        }

        if (stmt is null || stmt.IsInvalid)
        {
            stmt?.Dispose();
            throw new ArgumentException("The SQL text holds no statement.", nameof(sql));
        }

        if (!string.IsNullOrWhiteSpace(tail))
        {
            stmt.Dispose();
            throw new ArgumentException($"A raw statement is one SQL statement; this text goes on after it: '{tail.Trim()}'.", nameof(sql));
        }

        return new RawStatement(db, stmt);
    }

    /// <summary>Binds an integer to parameter <paramref name="index"/> (1-based).</summary>
    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_stmt, index, value));

    /// <summary>Binds text, or NULL for a null string.</summary>
    public void Bind(int index, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            // An empty span would reach SQLite as a null pointer, which binds NULL: "" goes through the string overload.
            Check(value is null ? raw.sqlite3_bind_null(_stmt, index) : raw.sqlite3_bind_text(_stmt, index, value));
            return;
        }

        // UTF-8 as Microsoft.Data.Sqlite converts it (invalid UTF-16 replaced the same way); SQLite copies it (SQLITE_TRANSIENT).
        if (Encoding.UTF8.GetMaxByteCount(value.Length) <= StackText)
        {
            Span<byte> small = stackalloc byte[StackText];
            var n = Encoding.UTF8.GetBytes(value, small);
            Check(raw.sqlite3_bind_text(_stmt, index, small[..n]));
            return;
        }

        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetByteCount(value));
        try
        {
            var n = Encoding.UTF8.GetBytes(value, rented);
            Check(raw.sqlite3_bind_text(_stmt, index, rented.AsSpan(0, n)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Binds a BLOB.</summary>
    public void Bind(int index, ReadOnlySpan<byte> value) =>
        Check(value.IsEmpty ? raw.sqlite3_bind_zeroblob(_stmt, index, 0) : raw.sqlite3_bind_blob(_stmt, index, value));

    /// <summary>Binds a value as Microsoft.Data.Sqlite would bind it: null or DBNull, string, byte[], or an integer.</summary>
    public void Bind(int index, object? value)
    {
        switch (value)
        {
            case null or DBNull: BindNull(index); break;
            case string s: Bind(index, s); break;
            case byte[] b: Bind(index, b.AsSpan()); break;
            case long l: Bind(index, l); break;
            case int i: Bind(index, i); break;
            default: throw new ArgumentException($"A raw statement binds null, text, BLOBs and integers, not {value.GetType().Name}.", nameof(value));
        }
    }

    public void BindNull(int index) => Check(raw.sqlite3_bind_null(_stmt, index));

    /// <summary>Runs the statement to its end and readies it for the next use; returns how many rows it changed.</summary>
    public int Execute()
    {
        while (Step())
        {
        }

        var changes = raw.sqlite3_changes(_db);
        Reset();
        return changes;
    }

    /// <summary>Advances to the next result row: false when the statement is done. On failure the statement is reset.</summary>
    public bool Step()
    {
        var rc = raw.sqlite3_step(_stmt);
        if (rc == raw.SQLITE_ROW)
            return true;
        if (rc == raw.SQLITE_DONE)
            return false;
        try
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
            throw new InvalidOperationException($"SQLite step returned {rc}.");
        }
        finally
        {
            // Releases what the failed step holds, so the transaction can roll back; the error is already taken.
            raw.sqlite3_reset(_stmt);
        }
    }

    /// <summary>Ends the current run and clears every binding (unbound parameters are NULL).</summary>
    public void Reset()
    {
        raw.sqlite3_reset(_stmt);
        raw.sqlite3_clear_bindings(_stmt);
    }

    public bool IsNull(int ordinal) => raw.sqlite3_column_type(_stmt, ordinal) == raw.SQLITE_NULL;

    public bool IsBlob(int ordinal) => raw.sqlite3_column_type(_stmt, ordinal) == raw.SQLITE_BLOB;

    public long GetInt64(int ordinal) => raw.sqlite3_column_int64(_stmt, ordinal);

    /// <summary>The column as text, as Microsoft.Data.Sqlite's <c>GetString</c> reads it.</summary>
    public string GetString(int ordinal) => raw.sqlite3_column_text(_stmt, ordinal).utf8_to_string();

    /// <summary>The column's bytes, valid until the next step, reset or conversion of the same column.</summary>
    public ReadOnlySpan<byte> GetBlob(int ordinal) => raw.sqlite3_column_blob(_stmt, ordinal);

    /// <summary>Finalizes the statement.</summary>
    public void Dispose() => _stmt.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
            SqliteException.ThrowExceptionForRC(rc, _db);
    }
}
