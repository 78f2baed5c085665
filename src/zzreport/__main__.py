"""Lets ``python -m zzreport`` run the command-line interface."""

from zzreport.entry import main

if __name__ == "__main__":
    main()
