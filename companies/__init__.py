"""Company profiles, production locations and supply links (built by the supply-chain issue)."""
