from gui.screenshot.shot import main

raise SystemExit(main())
