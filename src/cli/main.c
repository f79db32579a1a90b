/* main.c — quorum-cli: the client without a window */
#include "quorum-cli-private.h"

int
main (int    argc,
      char **argv)
{
  return quorum_cli_main (argc, argv);
}
