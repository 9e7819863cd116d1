"""The information officer (PPID): requests, objections, DIP/DIK, registers, the annual report."""
