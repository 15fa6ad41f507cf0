"""`python -m roster.constraints`: the rule catalogue as the README's table."""

from roster.constraints import catalogue

print(catalogue(), end="")
