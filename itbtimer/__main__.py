from itbtimer.cli.main import main

raise SystemExit(main())
