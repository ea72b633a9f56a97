#include <stdio.h>
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <histedit.h>
