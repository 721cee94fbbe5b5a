"""Facts about AWS that both the stack validator and the planner rely on."""
