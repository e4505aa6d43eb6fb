using System.Buffers.Binary;
using System.Text.Json;
using Learn2Perturb.Evaluation;
using Learn2Perturb.Experiments;
using Learn2Perturb.Plotting;

namespace Learn2Perturb.Tests.Plotting;

public sealed class ChartTests
{
    private const double Eps = 8.0 / 255;

    private static readonly EvaluationResult[] Results =
    [
        ResultTableTests.Result("resnet-v1-8", "none", null, new MeanStd(90, 0, 2), [(AttackSpec.Fgsm(Eps), new MeanStd(20, 1, 2)), (AttackSpec.Pgd(Eps), new MeanStd(1, 0.5, 2))]),
        ResultTableTests.Result("resnet-v1-8", "vanilla", null, new MeanStd(80, 0, 2), [(AttackSpec.Fgsm(Eps), new MeanStd(50, 2, 2)), (AttackSpec.Pgd(Eps), new MeanStd(40, 1.5, 2))]),
        ResultTableTests.Result("resnet-v1-8", "l2p", null, new MeanStd(79, 0.3, 2), [(AttackSpec.Fgsm(Eps), new MeanStd(55, 2.5, 2)), (AttackSpec.Pgd(Eps), new MeanStd(45, 3, 2))]),
    ];

    private static PlotlyFigure Accuracy() => ResultCharts.Accuracy(Results, "t");

    [Fact]
    public void Accuracy_chart_has_one_bar_trace_per_measurement_with_means_and_std_error_bars()
    {
        var traces = Traces(Accuracy());

        Assert.Equal(["clean", "FGSM", "PGD"], traces.Select(t => t.GetProperty("name").GetString()));
        var pgd = traces[2];
        Assert.Equal("bar", pgd.GetProperty("type").GetString());
        Assert.Equal(["none", "vanilla", "l2p"], pgd.GetProperty("x").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal([1.0, 40, 45], pgd.GetProperty("y").EnumerateArray().Select(y => y.GetDouble()));
        Assert.Equal([0.5, 1.5, 3], pgd.GetProperty("error_y").GetProperty("array").EnumerateArray().Select(y => y.GetDouble()));
    }

    [Fact]
    public void Mismatched_series_are_rejected_naming_the_series()
    {
        var e = Assert.Throws<ArgumentException>(() => Figures.Bar("PGD", ["a", "b"], [1.0]));
        Assert.Contains("PGD: 2 keys but 1 values", e.Message);
        Assert.Throws<ArgumentException>(() => Figures.Bar("PGD", ["a"], [1.0], [0.1, 0.2]));
        Assert.Throws<ArgumentException>(() => Figures.Chart([], "t", "x", "y"));
    }

    [Fact]
    public void Charts_carry_plotly_js_from_the_package_and_fetch_nothing()
    {
        var chart = Accuracy();

        Assert.Matches(@"^\d+\.\d+\.\d+$", PlotlyJs.Version);
        Assert.True(PlotlyJs.Source.Length > 1_000_000); // plotly.js itself is ~3.5 MB
        Assert.Contains("newPlot", PlotlyJs.Source);
        var page = ChartExport.ToPage(chart);
        var first = ChartExport.ToHtmlFragment(chart, withPlotlyJs: true);
        var later = ChartExport.ToHtmlFragment(chart, withPlotlyJs: false);
        foreach (var html in new[] { page, first, later })
            Assert.DoesNotMatch(@"<script[^>]*src=|https?://", html.Replace(PlotlyJs.Source, "")); // nothing fetched: renders offline
        Assert.Contains(PlotlyJs.Source, page);
        Assert.Contains(PlotlyJs.Source, first);
        Assert.True(later.Length < 100_000, $"a notebook's later charts reuse the first one's plotly.js; got {later.Length} characters");
        Assert.Contains(chart.ToJson(), later);
    }

    [Fact]
    public void No_fsharp_assembly_is_loaded_by_charting()
    {
        var chart = Accuracy();
        _ = ChartExport.ToHtmlFragment(chart, withPlotlyJs: true);

        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name is "FSharp.Core" or "Plotly.NET");
    }

    [Fact]
    public void Unmeasured_values_are_null_so_plotly_leaves_them_undrawn()
    {
        var chart = Figures.Chart([Figures.Bar("PGD", ["a", "b"], [double.NaN, 50.0], [double.NaN, 1.0])], "t", "x", "y");

        var bar = Traces(chart)[0];
        Assert.Equal(JsonValueKind.Null, bar.GetProperty("y")[0].ValueKind);
        Assert.Equal(50.0, bar.GetProperty("y")[1].GetDouble());
        Assert.Equal(JsonValueKind.Null, bar.GetProperty("error_y").GetProperty("array")[0].ValueKind);
    }

    [Fact]
    public void Chart_mode_comes_from_its_variable_and_bad_values_name_it()
    {
        Assert.Equal(ChartMode.Png, ChartModes.Parse(" PNG "));
        var e = Assert.Throws<ArgumentException>(() => ChartModes.Parse("svg"));
        Assert.Contains("L2P_NOTEBOOK_CHARTS", e.Message);
    }

    [Fact]
    public void Png_rendering_yields_an_image_of_the_requested_size()
    {
        if (HeadlessChromium.Find() is null) return; // no browser on this machine: the notebook tests say so loudly
        var png = ChartExport.ToPng(Accuracy(), 640, 360);

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Equal(640, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4))); // IHDR width
        Assert.Equal(360, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4))); // IHDR height
        Assert.True(png.Length > 10_000, $"a blank page compresses to a few kB; got {png.Length} bytes");
    }

    [Fact]
    public void Without_a_browser_png_rendering_fails_saying_how_to_install_one()
    {
        var previous = Environment.GetEnvironmentVariable(HeadlessChromium.Variable);
        Environment.SetEnvironmentVariable(HeadlessChromium.Variable, "/nonexistent/chromium");
        try
        {
            Assert.Null(HeadlessChromium.Find());
            var e = Assert.Throws<ChartRenderException>(() => ChartExport.ToPng(Accuracy()));
            Assert.Contains("apt-get install chromium", e.Message);
            Assert.Contains(HeadlessChromium.Variable, e.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(HeadlessChromium.Variable, previous);
        }
    }

    private static List<JsonElement> Traces(PlotlyFigure chart) =>
        JsonDocument.Parse(chart.ToJson()).RootElement.GetProperty("data").EnumerateArray().ToList();
}

public sealed class HtmlTableTests
{
    private sealed record Row(string Name, double Value);

    [Fact]
    public void Renders_one_header_per_property_and_encodes_values()
    {
        var html = HtmlTable.Render([new Row("a<b", 1.5), new Row("c", 2)]).Html;

        Assert.Contains("<th>Name</th><th>Value</th>", html);
        Assert.Contains("<tr><td>a&lt;b</td><td>1.5</td></tr>", html);
        Assert.Contains("<tr><td>c</td><td>2</td></tr>", html);
    }
}
