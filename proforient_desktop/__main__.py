from proforient_desktop.cli import main

raise SystemExit(main())
