using System.CommandLine;

namespace Learn2Perturb.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        var root = new RootCommand("l2p: Learn2Perturb workbook command line");
        return root.Parse(args).Invoke();
    }
}
