from coursefinder.cli import main

main()
