using System.Globalization;
using Belonging.Core;
using Belonging.Core.Organisation;
using Belonging.Formats.Tables;
using Spectre.Console;

namespace Belonging.Cli.Analysis;

/// <summary>
/// An answers file as read for analysis: one row per respondent, a header row, item columns holding numbers,
/// optional text columns (groups, waves). Blank, <c>NA</c> and <c>dont_know</c> (any letter case) are missing — never 0.
/// </summary>
internal sealed class AnswerTable
{
    /// <summary>Above this size the command shows a progress bar while reading.</summary>
    public const long ProgressThresholdBytes = 5L * 1024 * 1024;

    /// <summary>
    /// Bounds for an analysis file: the roster import's checks (UTF-8/UTF-16 only, no unclosed quotes, bounded
    /// cells) with room for a 500,000-respondent campaign with many items.
    /// </summary>
    public static readonly TableReadLimits Limits = new(MaxBytes: 128L * 1024 * 1024, MaxRows: 500_000, MaxColumns: 1_000);

    private static readonly string[] MissingTokens = ["NA", "dont_know"];

    private readonly Dictionary<string, int> index;
    private readonly HashSet<string> duplicates = new(StringComparer.Ordinal);

    private AnswerTable(string name, IReadOnlyList<string> headers, IReadOnlyList<RawRow> rows)
    {
        Name = name;
        Headers = headers;
        Rows = rows;
        index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Count; i++)
        {
            if (!index.TryAdd(headers[i], i))
            {
                duplicates.Add(headers[i]);
            }
        }
    }

    /// <summary>File name (no directory).</summary>
    public string Name { get; }

    /// <summary>Column names in file order.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>Data rows with their file row numbers (the header is row 1).</summary>
    public IReadOnlyList<RawRow> Rows { get; }

    /// <summary>Reads a CSV (or TSV, or the first sheet of an XLSX) with <see cref="TableReader"/>, showing a progress bar for large files.</summary>
    public static Result<AnswerTable> Load(FileInfo file, IAnsiConsole progressConsole)
    {
        if (!file.Exists)
        {
            return new AnalysisError.FileMissing(file.FullName);
        }

        Result<IReadOnlyList<RawTable>> read;
        using (var stream = file.OpenRead())
        {
            if (file.Length > ProgressThresholdBytes)
            {
                read = progressConsole.Progress().AutoClear(true).Start(ctx =>
                {
                    var task = ctx.AddTask($"Reading {Markup.Escape(file.Name)}", maxValue: file.Length);
                    using var counting = new ProgressStream(stream, task);
                    var result = TableReader.Read(counting, file.Name, Limits);
                    task.Value = task.MaxValue;
                    return result;
                });
            }
            else
            {
                read = TableReader.Read(stream, file.Name, Limits);
            }
        }

        if (!read.IsSuccess)
        {
            return new AnalysisError.UnreadableFile(read.Error!.Message);
        }

        var table = read.Value[0];
        foreach (var row in table.Rows)
        {
            if (row.Cells.Count != table.Headers.Count)
            {
                return new AnalysisError.RaggedRow(row.RowNumber, row.Cells.Count, table.Headers.Count);
            }
        }

        return new AnswerTable(file.Name, table.Headers, table.Rows);
    }

    /// <summary>True when the cell text means "no answer".</summary>
    public static bool IsMissing(string? text)
    {
        var t = text?.Trim();
        return string.IsNullOrEmpty(t) || MissingTokens.Any(m => string.Equals(m, t, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Index of a column, or an <see cref="AnalysisError.UnknownColumn"/> (or a duplicate-column error when the header names it twice).</summary>
    public Result<int> Column(string name) =>
        duplicates.Contains(name) ? new AnalysisError.DuplicateColumn(name)
        : index.TryGetValue(name, out var i) ? i
        : new AnalysisError.UnknownColumn(name, Headers);

    /// <summary>
    /// The column as numbers, NaN where missing; reverse-keyed when asked (x → min + max − x). Any other text is an
    /// error naming the row and column; so is a number outside [min, max] when the scale is given.
    /// </summary>
    public Result<double[]> Numbers(string column, double? min, double? max, bool reverse)
    {
        var c = Column(column);
        if (!c.IsSuccess)
        {
            return c.Error!;
        }

        var values = new double[Rows.Count];
        for (var r = 0; r < Rows.Count; r++)
        {
            var text = Rows[r].Cells[c.Value];
            if (IsMissing(text))
            {
                values[r] = double.NaN;
                continue;
            }

            if (!double.TryParse(text!.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            {
                return new AnalysisError.NotNumeric(Rows[r].RowNumber, column, text.Trim());
            }

            if ((min is { } lo && v < lo) || (max is { } hi && v > hi))
            {
                return new AnalysisError.OutOfScale(Rows[r].RowNumber, column, v, min ?? double.NegativeInfinity, max ?? double.PositiveInfinity);
            }

            values[r] = reverse ? min!.Value + max!.Value - v : v;
        }

        return values;
    }

    /// <summary>The column as labels (trimmed), null where missing.</summary>
    public Result<string?[]> Labels(string column)
    {
        var c = Column(column);
        if (!c.IsSuccess)
        {
            return c.Error!;
        }

        return Rows.Select(r => IsMissing(r.Cells[c.Value]) ? null : r.Cells[c.Value]!.Trim()).ToArray();
    }

    /// <summary>Labels in reading order: numerically when every label is a number, otherwise ordinal (use ISO dates such as 2025-03 for waves).</summary>
    public static IReadOnlyList<string> Order(IEnumerable<string> labels)
    {
        var distinct = labels.Distinct(StringComparer.Ordinal).ToList();
        var numeric = distinct.All(l => double.TryParse(l, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        return numeric
            ? distinct.OrderBy(l => double.Parse(l, NumberStyles.Float, CultureInfo.InvariantCulture)).ThenBy(l => l, StringComparer.Ordinal).ToList()
            : distinct.OrderBy(l => l, StringComparer.Ordinal).ToList();
    }

    /// <summary>A read-only stream that moves a progress bar as bytes are read.</summary>
    private sealed class ProgressStream(Stream inner, ProgressTask task) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => inner.Position = value;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            task.Increment(read);
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
