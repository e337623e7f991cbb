// The fixtures build images of the same projects (islet build of www for unix and for direct):
// two dotnet publish runs writing the same obj/ and bin/ folders at once corrupt each other, so
// the collections here run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
