using System.Globalization;
using System.Text;
using DuckDB.NET.Data;

namespace Belonging.Bench.Cube;

/// <summary>
/// The peer: the same campaign in an in-memory DuckDB table, and the same cube as one
/// <c>GROUP BY GROUPING SETS</c> query (unit rollups through the level columns, every attribute and every attribute
/// pair). Skipped answers are NULL, so <c>count(i)</c>, <c>sum(i)</c> and <c>count_if(i &gt;= 4)</c> are n, sum and
/// favourable.
/// </summary>
internal sealed class DuckDbCube : IDisposable
{
    private readonly DuckDBConnection connection;
    private readonly string query;
    private readonly int levels;
    private readonly int attributes;
    private readonly int items;

    public DuckDbCube(SyntheticCampaign campaign, int threads)
    {
        levels = campaign.UnitAtLevel.Length;
        attributes = campaign.Attributes.Length;
        items = campaign.Items.Length;
        connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        Execute(string.Create(CultureInfo.InvariantCulture, $"SET threads = {threads}"));

        var columns = Enumerable.Range(1, levels).Select(l => $"l{l} INTEGER NOT NULL")
            .Concat(Enumerable.Range(0, attributes).Select(a => $"a{a} UTINYINT NOT NULL"))
            .Concat(Enumerable.Range(0, items).Select(i => $"i{i} UTINYINT"));
        Execute($"CREATE TABLE respondents ({string.Join(", ", columns)})");
        Load(campaign);
        query = BuildQuery();
    }

    /// <summary>Column layout of a result row: levels, attributes (−1 where rolled up), respondents, then
    /// n, sum, favourable per item.</summary>
    public int GroupColumns => levels + attributes;

    /// <summary>Runs the cube query and reads every row.</summary>
    public List<long[]> Run()
    {
        var rows = new List<long[]>();
        using var command = connection.CreateCommand();
        command.CommandText = query;
        using var reader = command.ExecuteReader();
        var width = GroupColumns + 1 + (3 * items);
        while (reader.Read())
        {
            var row = new long[width];
            for (var c = 0; c < levels; c++)
            {
                row[c] = reader.IsDBNull(c) ? -1 : reader.GetInt32(c);
            }

            for (var c = levels; c < GroupColumns; c++)
            {
                row[c] = reader.IsDBNull(c) ? -1 : reader.GetByte(c);
            }

            for (var c = GroupColumns; c < width; c++)
            {
                row[c] = reader.IsDBNull(c) ? 0 : reader.GetInt64(c);
            }

            rows.Add(row);
        }

        return rows;
    }

    public void Dispose() => connection.Dispose();

    private void Load(SyntheticCampaign campaign)
    {
        using var appender = connection.CreateAppender("respondents");
        for (var r = 0; r < campaign.RespondentCount; r++)
        {
            var row = appender.CreateRow();
            for (var l = 0; l < levels; l++)
            {
                row.AppendValue((int?)campaign.UnitAtLevel[l][r]);
            }

            for (var a = 0; a < attributes; a++)
            {
                row.AppendValue((byte?)campaign.Attributes[a][r]);
            }

            for (var i = 0; i < items; i++)
            {
                var v = campaign.Items[i][r];
                if (v == 0)
                {
                    row.AppendNullValue();
                }
                else
                {
                    row.AppendValue((byte?)v);
                }
            }

            row.EndRow();
        }
    }

    private string BuildQuery()
    {
        var sql = new StringBuilder("SELECT ");
        sql.AppendJoin(", ", Enumerable.Range(1, levels).Select(l => $"l{l}"));
        sql.Append(", ").AppendJoin(", ", Enumerable.Range(0, attributes).Select(a => $"a{a}"));
        sql.Append(", count(*)::BIGINT");
        for (var i = 0; i < items; i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $", count(i{i})::BIGINT, sum(i{i})::BIGINT, count_if(i{i} >= 4)::BIGINT");
        }

        var sets = Enumerable.Range(1, levels).Select(l => $"(l{l})")
            .Concat(Enumerable.Range(0, attributes).Select(a => $"(a{a})"))
            .Concat(Enumerable.Range(0, attributes).SelectMany(a => Enumerable.Range(a + 1, attributes - a - 1).Select(b => $"(a{a}, a{b})")));
        sql.Append(" FROM respondents GROUP BY GROUPING SETS (").AppendJoin(", ", sets).Append(')');
        return sql.ToString();
    }

    private void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
