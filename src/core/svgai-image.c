/* placeholder: being written */
#include "svgai-image.h"
