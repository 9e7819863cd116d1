"""`python -m repository.cli`: the same as the `lontar` command."""

from repository.cli import main

main(prog_name="lontar")
