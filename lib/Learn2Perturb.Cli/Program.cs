using System.CommandLine;
using Learn2Perturb.Cli.Commands;

namespace Learn2Perturb.Cli;

internal static class Program
{
    internal static int Main(string[] args)
    {
        // Redirected output (CI logs, notebooks, pipes) has no terminal width: do not wrap tables at 80 columns.
        if (Console.IsOutputRedirected) Spectre.Console.AnsiConsole.Profile.Width = 160;
        var root = new RootCommand("l2p: the Learn2Perturb workbook (Jeddi et al., CVPR 2020) from the command line")
        {
            QuickstartCommand.Create(),
            ModelsCommand.Create(),
            BenchCommand.Create(),
            DataCommand.Create(),
            TrainCommand.Create(),
            EvalCommand.Create(),
            RunsCommand.Create(),
            ExperimentsCommand.Create(),
            ClusterCommand.Create(),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && args.Contains("--json"))
        {
            // Scripts read the last line: under --json a bad command line ends with a JSON error, not the help text.
            var message = string.Join("; ", parse.Errors.Select(e => e.Message));
            Console.Error.WriteLine($"l2p: error: {message}");
            Output.Json.WriteLastLine(new { error = message, exitCode = 1 });
            return 1;
        }
        try
        {
            // SIGTERM (Slurm's time limit or preemption, `scancel --signal=TERM`) cancels the command; it gets a minute to
            // finish its current batch and exit 130 before the process is ended, so a training keeps its last epoch's checkpoint.
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = TimeSpan.FromMinutes(1) });
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("l2p: stopped before finishing; nothing was stored for the unfinished work");
            if (args.Contains("--json")) Output.Json.WriteLastLine(new { error = "stopped", exitCode = TrainCommand.Stopped });
            return TrainCommand.Stopped;
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or FileNotFoundException or IOException or InvalidOperationException
                                      or UnauthorizedAccessException or Core.Native.TorchNativeLoadException)
        {
            // Bad input gets one clear line naming the thing, not a stack trace.
            Console.Error.WriteLine($"l2p: error: {e.Message}");
            if (args.Contains("--json")) Output.Json.WriteLastLine(new { error = e.Message, exitCode = 1 });
            return 1;
        }
    }
}
