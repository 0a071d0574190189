"""What an operator installs (systemd units, HAProxy, nginx, PgBouncer, environment file), and the
cluster check that runs them on one machine (`make cluster-check`)."""
