"""The complaints API: filing (public), a complainant's own cases (an account, or the receipt code),
case actions for the committee and the secretariat, and the published rulings and performance."""
