using System.Text.Json;
using Learn2Perturb.NotebookRunner;

namespace Learn2Perturb.Notebooks.Tests;

/// <summary>A saved notebook stores a plotly figure as JSON, beside its PNG, and nothing else changes.</summary>
public sealed class JsonMimeOutputsTests
{
    private const string Notebook = """
        {
         "cells": [
          {
           "cell_type": "code",
           "outputs": [
            {
             "data": {
              "application/vnd.plotly.v1+json": [
               "{\"data\":[{\"type\":\"bar\",\"y\":[1,2]}],",
               "\"layout\":{\"title\":{\"text\":\"θ\"}}}"
              ],
              "image/png": [
               "iVBORw0KGgo="
              ]
             },
             "output_type": "display_data"
            }
           ],
           "source": [
            "ResultCharts.Accuracy(results, \"θ <b>\")"
           ]
          }
         ]
        }

        """;

    [Fact]
    public void A_figure_written_as_text_becomes_the_json_object_and_the_rest_keeps_its_layout()
    {
        var saved = JsonMimeOutputs.Embed(Notebook);

        var data = JsonDocument.Parse(saved).RootElement.GetProperty("cells")[0].GetProperty("outputs")[0].GetProperty("data");
        var figure = data.GetProperty("application/vnd.plotly.v1+json");
        Assert.Equal(JsonValueKind.Object, figure.ValueKind);
        Assert.Equal(2, figure.GetProperty("data")[0].GetProperty("y")[1].GetInt32());
        Assert.Equal("θ", figure.GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.Array, data.GetProperty("image/png").ValueKind); // other outputs stay as written
        Assert.Contains("\"ResultCharts.Accuracy(results, \\\"θ <b>\\\")\"", saved); // Jupyter's escaping: θ and <b> unescaped
        Assert.Contains("\n  {\n   \"cell_type\": \"code\",", saved); // Jupyter's one-space indent
        Assert.EndsWith("}\n", saved);
    }

    [Fact]
    public void A_notebook_without_json_outputs_is_returned_unchanged()
    {
        var plain = Notebook.Replace("application/vnd.plotly.v1+json", "text/plain");
        Assert.Same(plain, JsonMimeOutputs.Embed(plain));
    }
}
