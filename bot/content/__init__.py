"""Alumni network and campaign content: cohorts, content library, sharing, referrals, impact."""
