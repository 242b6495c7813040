"""One run from start to finish: a MkDocs build or live preview as the hook drives it, one build at a time,
the staged site swapped in whole, and publishing a release. The top room: it may import every other."""
