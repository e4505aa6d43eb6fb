using Learn2Perturb.Training;
using Spectre.Console;

namespace Learn2Perturb.Cli.Output;

/// <summary>Turns a trainer's events into a progress bar with ETA (on stderr, so stdout stays clean for --json).</summary>
internal sealed class TrainingProgress
{
    private static readonly IAnsiConsole Err = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    /// <summary>Runs <paramref name="work"/>, showing one task per trainer announced through <paramref name="subscribe"/>.</summary>
    public static T Run<T>(Action<Action<string, Trainer>> subscribe, Func<T> work)
    {
        if (Console.IsErrorRedirected) return RunPlain(subscribe, work);
        T result = default!;
        Err.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                subscribe((label, trainer) => Attach(ctx, label, trainer));
                result = work();
            });
        return result;
    }

    /// <summary>Logs and CI: one line per epoch instead of a redrawn bar.</summary>
    private static T RunPlain<T>(Action<Action<string, Trainer>> subscribe, Func<T> work)
    {
        subscribe((label, trainer) => trainer.EpochEnded += e =>
        {
            double eta = e.Seconds * (e.Epochs - e.Epoch - 1);
            Console.Error.WriteLine($"{label}: epoch {e.Epoch + 1}/{e.Epochs} loss {e.Loss:F3} train acc {e.TrainAccuracy:F1}% " +
                                    $"lr {e.LearningRate:G3} noise {(e.NoiseOn ? "on" : "off")} adv {(e.Adversarial ? "on" : "off")} " +
                                    $"{e.Seconds:F0} s (ETA for {label} ~{eta:F0} s)");
        });
        return work();
    }

    private static void Attach(ProgressContext ctx, string label, Trainer trainer)
    {
        ProgressTask? task = null;
        trainer.BatchEnded += b =>
        {
            // From the first batch's epoch: a resumed run's bar covers only the epochs still to train.
            task ??= ctx.AddTask(label, maxValue: (double)b.BatchesPerEpoch * (trainer.Options.Epochs - b.Epoch));
            task.Increment(1);
        };
        trainer.EpochEnded += e =>
        {
            if (task is not null) task.Description = $"{label} ep {e.Epoch + 1}/{e.Epochs} loss {e.Loss:F3}";
        };
    }
}
