// hello: the smallest Islet unikernel.
using Islet;

return await Unikernel.RunAsync(args, context =>
{
    context.Console.WriteLine("hello from an Islet unikernel");
    return Task.CompletedTask;
});
