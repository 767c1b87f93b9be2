"""Build the site in this folder (the bundled sample site). Same as the `warta` command."""

from warta.cli import run

if __name__ == "__main__":
    run()
