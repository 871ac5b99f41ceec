from newsledger.cli import main

main()
