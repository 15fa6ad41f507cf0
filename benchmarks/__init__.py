"""Speed and scale benchmarks, run by `make bench` (`python -m benchmarks.run`)."""
