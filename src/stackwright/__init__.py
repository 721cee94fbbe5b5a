"""stackwright: one stack file in; the AWS plan, its monthly cost and its documents out."""

__version__ = "0.1.0"
