/* svgai.h — the SVG-AI engine as the app and the command line see it.
 *
 * The one public header: src/gui and src/cli include this and nothing else
 * of the engine (their include path holds src/ only, and
 * tests/test-layout.py checks they name no other engine header). Load an
 * image, run the pipeline on it (features → class → parameters → trace →
 * SVG → quality), read the result:
 *
 *   g_autoptr(SvgaiImage) image = svgai_image_new_from_file (path, NULL, NULL, &error);
 *   SvgaiPipelineOptions options;
 *   svgai_pipeline_options_init (&options);            // balanced tier
 *   g_autoptr(SvgaiResult) result = svgai_pipeline_run (image, &options, NULL, &error);
 *   GBytes *svg = svgai_result_get_svg (result);
 *
 * Everything else (the stages themselves, caches, models) is private to
 * src/engine, src/ai and src/runtime. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* ---- Errors ---------------------------------------------------------- */

/* One error domain: every failure a user can cause is reported with one of
 * these codes and a sentence naming the file. Cancellation is always
 * G_IO_ERROR_CANCELLED. */
#define SVGAI_ERROR (svgai_error_quark ())
typedef enum {
  SVGAI_ERROR_NOT_IMAGE,    /* the bytes are not an image format we read */
  SVGAI_ERROR_CORRUPT,      /* truncated or damaged image data */
  SVGAI_ERROR_EMPTY,        /* zero-byte file, or a 0×N image */
  SVGAI_ERROR_TOO_LARGE,    /* over the pixel or memory limit */
  SVGAI_ERROR_IO,           /* could not read or write a file */
  SVGAI_ERROR_INVALID,      /* a parameter out of range */
  SVGAI_ERROR_FAILED,       /* anything else (e.g. the tracer ran out of memory) */
} SvgaiErrorCode;

GQuark svgai_error_quark (void);

/* ---- Start-up -------------------------------------------------------- */

/* Loads the models and creates the caches and the performance monitor, so
 * that the first image pays for none of it. Call once, early; calling again
 * is cheap. FALSE when the models cannot be loaded: the engine still works
 * (the classifier answers by rules, the optimizer by its fast table) and
 * the error says why. */
gboolean svgai_init (GError **error);

/* ---- Tracing parameters ---------------------------------------------- */

typedef enum {
  SVGAI_LAYERING_STACKED,   /* each colour's shape also covers the colours above it: no seams */
  SVGAI_LAYERING_CUTOUT,    /* each colour only where it is: shapes do not overlap */
} SvgaiLayering;

/* A straight sRGB colour with alpha. */
typedef struct {
  guint8 r, g, b, a;
} SvgaiColor;

/* What becomes of a solid background colour. */
typedef enum {
  SVGAI_BACKGROUND_KEEP,    /* traced like any colour (the default) */
  SVGAI_BACKGROUND_REMOVE,  /* the colour most of the border has, where it reaches the border, becomes transparent */
  SVGAI_BACKGROUND_AUTO,    /* the same, only when one solid colour covers most of the border */
} SvgaiBackground;

#define SVGAI_MAX_COLOR_RULES 16
#define SVGAI_DEFAULT_PALETTE_TOLERANCE 10.0

/* The colours a designer asks for. All colours are compared in CIEDE2000. */
typedef struct {
  int n_palette;            /* > 0: every colour maps to the nearest of these */
  SvgaiColor palette[SVGAI_MAX_COLOR_RULES];
  double palette_tolerance; /* ΔE00 beyond which a colour keeps its own (with a warning) */
  int n_locked;             /* colours kept exactly while the rest are chosen */
  SvgaiColor locked[SVGAI_MAX_COLOR_RULES];
  int n_merges;             /* the colour nearest merge_from[i] is painted as merge_into[i] */
  SvgaiColor merge_from[SVGAI_MAX_COLOR_RULES];
  SvgaiColor merge_into[SVGAI_MAX_COLOR_RULES];
  SvgaiBackground background;
  gboolean count_asked;     /* params.colors came from the caller, not the optimizer:
                               fewer colours traced is worth a warning (the pipeline sets it) */
} SvgaiColorControl;

/* 0 for colors or upsample means "choose automatically"; a result records
 * the values actually used. */
typedef struct {
  int colors;               /* maximum palette size, 0 = auto, else 1..SVGAI_MAX_COLORS */
  int speckle;              /* drop shapes up to this many source pixels */
  double smooth;            /* corner smoothness: 0 = polygons, 1.334 = smoothest */
  double tolerance;         /* curve merging tolerance, in source pixels */
  SvgaiLayering layering;
  int upsample;             /* trace at this multiple of the source size, 0 = auto, else 1..4 */
  SvgaiColorControl color;  /* palette control and background; all zero but the tolerance by default */
} SvgaiParams;

#define SVGAI_MAX_COLORS 32

/* The parameter table: one row per numeric parameter, for --help, the app's
 * controls, validation and JSON. */
typedef struct {
  const char *name;         /* e.g. "colors", as in the CLI option and JSON */
  const char *description;
  double min;
  double max;
  double default_value;
  gboolean is_integer;
  gboolean zero_is_auto;
} SvgaiParamSpec;

void svgai_params_init_default (SvgaiParams *params);
/* The numeric parameters, in a stable order; n_specs receives the count. */
const SvgaiParamSpec *svgai_params_get_specs (guint *n_specs);
/* Reads/writes a numeric parameter by its spec name. */
double svgai_params_get (const SvgaiParams *params, const char *name);
void svgai_params_set (SvgaiParams *params, const char *name, double value);
/* Checks every field against its range. */
gboolean svgai_params_validate (const SvgaiParams *params, GError **error);
gboolean svgai_params_equal (const SvgaiParams *a, const SvgaiParams *b);
const char *svgai_layering_to_string (SvgaiLayering layering);
gboolean svgai_layering_from_string (const char *s, SvgaiLayering *out);
const char *svgai_background_to_string (SvgaiBackground background);
gboolean svgai_background_from_string (const char *s, SvgaiBackground *out);
/* "#1e88e5", "#1e88e580" (with alpha), "#fff"; FALSE with an error naming
 * the text otherwise. */
gboolean svgai_color_parse (const char *text, SvgaiColor *out, GError **error);
/* A comma-separated list of colours, at most max; *n receives the count. */
gboolean svgai_color_list_parse (const char *text, SvgaiColor *out, int max, int *n, GError **error);
/* "#1e88e5" (or "#1e88e580" when translucent), newly allocated. */
char *svgai_color_to_string (const SvgaiColor *color);
/* The CIEDE2000 colour difference of two sRGB colours (alpha ignored). */
double svgai_color_delta_e (const SvgaiColor *a, const SvgaiColor *b);
/* color moved in CIELAB by to − from (its alpha kept): a gradient
 * recoloured this way keeps its light and shade. */
SvgaiColor svgai_color_shift (const SvgaiColor *color, const SvgaiColor *from, const SvgaiColor *to);
/* Colour control helpers: each returns FALSE with an error when the list is full. */
gboolean svgai_params_lock_color (SvgaiParams *params, const SvgaiColor *color, GError **error);
gboolean svgai_params_merge_color (SvgaiParams *params, const SvgaiColor *from, const SvgaiColor *into,
                                   GError **error);
/* A string naming every colour-control setting, "" for the defaults (for
 * cache keys). */
char *svgai_params_color_key (const SvgaiParams *params);

/* ---- Images ---------------------------------------------------------- */

/* A decoded raster image: straight (not premultiplied) RGBA, 8 bits per
 * channel, rows packed (stride == width * 4). Immutable once loaded, so it is
 * shared between threads by reference. */
typedef struct {
  int width;
  int height;
  guint8 *pixels;
  gboolean first_frame_only; /* the file is animated (GIF, WebP): this is its first frame */
  /*< private >*/
  gatomicrefcount ref_count;
  char *hash;                /* lazily computed SHA-256 of size + pixels */
  GMutex hash_lock;
} SvgaiImage;

#define SVGAI_DEFAULT_MAX_PIXELS (64u * 1000u * 1000u)

typedef struct {
  guint64 max_pixels;        /* 0 = SVGAI_DEFAULT_MAX_PIXELS */
  guint64 memory_budget;     /* bytes, checked before decoding at full size;
                              * 0 = the process's budget (svgai_limits_set_memory_budget) */
} SvgaiLoadOptions;

/* A new fully transparent image. Returns NULL if the size overflows. */
SvgaiImage *svgai_image_new (int width, int height);
SvgaiImage *svgai_image_new_from_file (const char *path,
                                       const SvgaiLoadOptions *options,
                                       GCancellable *cancellable,
                                       GError **error);
/* name is used in error messages only (e.g. "stdin" or a file name). */
SvgaiImage *svgai_image_new_from_bytes (GBytes *bytes,
                                        const char *name,
                                        const SvgaiLoadOptions *options,
                                        GError **error);
/* Reads the image from a stream (standard input): at most as many bytes as
 * the pixel limit and the memory budget allow, then a clear error, so an
 * endless stream cannot exhaust memory. Files other than regular ones
 * (FIFOs, devices) are refused by svgai_image_new_from_file: read them
 * through this. */
SvgaiImage *svgai_image_new_from_stream (GInputStream *stream,
                                         const char *name,
                                         const SvgaiLoadOptions *options,
                                         GCancellable *cancellable,
                                         GError **error);
SvgaiImage *svgai_image_ref (SvgaiImage *image);
void svgai_image_unref (SvgaiImage *image);
/* Hex SHA-256 of width, height and pixels; cached; thread-safe. */
const char *svgai_image_get_hash (SvgaiImage *image);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SvgaiImage, svgai_image_unref)

/* ---- Limits ---------------------------------------------------------- */

/* Process-wide; set them before starting conversions. */
#define SVGAI_DEFAULT_TRACE_TIME_LIMIT_MS 30000.0
/* The memory budget per image; 0 restores the default (half the physical
 * memory, at most 4 GB). */
void svgai_limits_set_memory_budget (guint64 bytes);
/* The longest one trace may run, in ms; 0 restores the default, a negative
 * value removes the limit. */
void svgai_limits_set_trace_time_limit_ms (double ms);
/* Bytes converting the image in path is estimated to need, from the size
 * its header declares (no pixel is decoded), with as many tracing threads
 * as the calling thread may start; 0 when the header cannot be read. */
guint64 svgai_limits_estimate_file_bytes (const char *path);
/* How many threads one conversion may use inside itself, for the calling
 * thread: callers already parallel over images set 1 on each worker. 0
 * restores the default (one per core). */
void svgai_threads_set_limit (int n_threads);

/* ---- Geometry -------------------------------------------------------- */

/* The traced geometry, in source pixel coordinates (y down), read-only for
 * callers (the app's outline view draws it). */
typedef enum {
  SVGAI_SEGMENT_MOVE,       /* starts a closed contour at p[2] */
  SVGAI_SEGMENT_LINE,       /* line to p[2] */
  SVGAI_SEGMENT_CURVE,      /* cubic Bézier with controls p[0], p[1], end p[2] */
  SVGAI_SEGMENT_CLOSE,      /* closes the current contour */
} SvgaiSegmentKind;

typedef struct {
  double x, y;
} SvgaiPoint;

typedef struct {
  SvgaiSegmentKind kind;
  SvgaiPoint p[3];
} SvgaiSegment;

/* A gradient fill, interpolated in sRGB between its stops and padded
 * beyond the first and last (SVG's defaults, as librsvg draws them).
 * Linear: offset 0 at `from`, 1 at `to`. Radial: centred on `from`, offset
 * 1 on the circle through `to` (radius |to - from|), or on the ellipse
 * with that semi-axis and, across it, one `ratio` times as long (0: a
 * circle). */
typedef enum {
  SVGAI_GRADIENT_LINEAR,
  SVGAI_GRADIENT_RADIAL,
} SvgaiGradientKind;

#define SVGAI_MAX_GRADIENT_STOPS 8

typedef struct {
  double offset;            /* 0..1, ascending */
  guint8 rgb[3];
  guint8 alpha;             /* stop-opacity × 255, multiplied with the layer's */
} SvgaiGradientStop;

typedef struct {
  gboolean active;
  SvgaiGradientKind kind;
  SvgaiPoint from, to;
  double ratio;             /* radial: the ellipse's other semi-axis / |to - from|; 0 for a circle */
  guint n_stops;            /* 2..SVGAI_MAX_GRADIENT_STOPS when active */
  SvgaiGradientStop stops[SVGAI_MAX_GRADIENT_STOPS];
} SvgaiGradient;

typedef struct {
  guint8 r, g, b, a;        /* straight colour of this layer */
  SvgaiGradient gradient;   /* when active, fills instead of r, g, b */
  GArray *segments;         /* of SvgaiSegment; contours one after another */
} SvgaiLayer;

/* One colour of the palette a result was traced with. */
typedef struct {
  SvgaiColor color;
  double share;             /* of the pixels the palette covers, 0..1 */
  gboolean locked;          /* kept exactly: asked for by a lock, --palette or a merge */
} SvgaiSwatch;

typedef struct {
  int width;
  int height;
  GPtrArray *layers;        /* of SvgaiLayer*, painted bottom to top */
  GArray *swatches;         /* of SvgaiSwatch, largest share first: the colours of traced shapes */
  guint palette_colours;    /* the palette's colours, shapes or not (some only in others' gradients) */
  GPtrArray *warnings;      /* of char*: what was asked for and could not be done */
  gboolean background_removed; /* the tracer made the source's background clear */
  SvgaiColor background;    /* … of this colour, when background_removed */
  gatomicrefcount ref_count;
} SvgaiVector;

SvgaiVector *svgai_vector_ref (SvgaiVector *vector);
void svgai_vector_unref (SvgaiVector *vector);
/* Number of nodes (segment end points), an outline repeated by the next
 * layer (a shading's blobs) counted once, as the SVG writes it. */
guint svgai_vector_count_nodes (const SvgaiVector *vector);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SvgaiVector, svgai_vector_unref)

/* ---- Quality --------------------------------------------------------- */

typedef struct {
  double ssim;   /* Wang et al. 2004 as ../DESIGN.md defines it, on white */
  double psnr;   /* dB, on white, RGB; INFINITY when identical */
  double mse;    /* mean squared error per RGB channel value, on white */
} SvgaiQuality;

/* ---- Features and classes -------------------------------------------- */

typedef enum {
  SVGAI_FEATURE_COMPLEXITY_SCORE,
  SVGAI_FEATURE_UNIQUE_COLORS,
  SVGAI_FEATURE_EDGE_DENSITY,
  SVGAI_FEATURE_ASPECT_RATIO,
  SVGAI_FEATURE_FILL_RATIO,
  SVGAI_FEATURE_ENTROPY,
  SVGAI_FEATURE_CORNER_DENSITY,
  SVGAI_FEATURE_GRADIENT_STRENGTH,
  SVGAI_N_FEATURES
} SvgaiFeature;

/* Eight numbers that describe a logo; src/ai/svgai-features.h defines each. */
typedef struct {
  double complexity_score;
  double unique_colors;
  double edge_density;
  double aspect_ratio;
  double fill_ratio;
  double entropy;
  double corner_density;
  double gradient_strength;
  /* TRUE where the value is a documented default because the time limit
   * ran out. */
  gboolean estimated[SVGAI_N_FEATURES];
  /* Wall time the extraction took. */
  double elapsed_ms;
  /* The source's size (not a feature; the predictor uses it). */
  int width;
  int height;
} SvgaiFeatures;

double svgai_features_get (const SvgaiFeatures *features, SvgaiFeature feature);
/* TRUE when any value is estimated. */
gboolean svgai_features_any_estimated (const SvgaiFeatures *features);
/* Stable identifier, as in JSON and the model files: "edge_density". */
const char *svgai_feature_get_name (SvgaiFeature feature);
/* Short title for a panel: "Edge density" (translated). */
const char *svgai_feature_get_title (SvgaiFeature feature);
/* One line saying what the value means, for a tooltip or subtitle. */
const char *svgai_feature_get_explanation (SvgaiFeature feature);

typedef enum {
  SVGAI_LOGO_SIMPLE,        /* a few flat shapes in a few colours */
  SVGAI_LOGO_TEXT,          /* a wordmark: mostly lettering */
  SVGAI_LOGO_GRADIENT,      /* smooth shading (linear or radial gradients) */
  SVGAI_LOGO_COMPLEX,       /* many shapes and colours, detail */
  SVGAI_N_LOGO_CLASSES
} SvgaiLogoClass;

typedef struct {
  SvgaiLogoClass logo_class;
  double confidence;                           /* 0..1: probability of logo_class */
  double probabilities[SVGAI_N_LOGO_CLASSES];  /* sum to 1 */
} SvgaiClassification;

/* "simple", "text", "gradient", "complex". */
const char *svgai_logo_class_to_string (SvgaiLogoClass logo_class);
gboolean svgai_logo_class_from_string (const char *s, SvgaiLogoClass *out);
/* The hand-written rules the trained classifier replaced, for comparison
 * (svg-ai-cli ai-bench). */
void svgai_classify_rules (const SvgaiFeatures *features, SvgaiClassification *out);

/* ---- Optimizer tiers ------------------------------------------------- */

typedef enum {
  SVGAI_TIER_FAST,          /* table lookup by class and complexity, < 1 ms */
  SVGAI_TIER_BALANCED,      /* fitted mapping, candidates ranked by the predictor */
  SVGAI_TIER_QUALITY,       /* traces and measures candidates within a time budget */
  SVGAI_N_TIERS
} SvgaiTier;

#define SVGAI_TIER_DEFAULT SVGAI_TIER_BALANCED

/* "fast", "balanced", "quality". */
const char *svgai_tier_to_string (SvgaiTier tier);
gboolean svgai_tier_from_string (const char *s, SvgaiTier *out);
/* The tier's defaults: its optimizer time budget (s; 0 = none needed) and
 * its feature extraction budget (ms; 0 = none). */
double svgai_tier_get_time_limit (SvgaiTier tier);
double svgai_tier_get_features_time_limit_ms (SvgaiTier tier);

/* ---- The pipeline ---------------------------------------------------- */

/* The stages of a conversion, in order. Timings are recorded per stage. */
typedef enum {
  SVGAI_STAGE_LOAD,
  SVGAI_STAGE_FEATURES,
  SVGAI_STAGE_CLASSIFY,
  SVGAI_STAGE_OPTIMIZE,
  SVGAI_STAGE_TRACE,
  SVGAI_STAGE_WRITE,
  SVGAI_STAGE_RENDER,
  SVGAI_STAGE_QUALITY,
  SVGAI_N_STAGES
} SvgaiStage;

const char *svgai_stage_to_string (SvgaiStage stage);

/* What one run of the pipeline produced. Immutable, shared by reference. */
typedef struct _SvgaiResult SvgaiResult;

SvgaiResult *svgai_result_ref (SvgaiResult *result);
void svgai_result_unref (SvgaiResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SvgaiResult, svgai_result_unref)

/* The parameters used, automatic choices resolved. */
const SvgaiParams *svgai_result_get_params (const SvgaiResult *result);
GBytes *svgai_result_get_svg (const SvgaiResult *result);
const SvgaiVector *svgai_result_get_vector (const SvgaiResult *result);
/* <path> elements and path nodes (segment end points). */
guint svgai_result_get_n_paths (const SvgaiResult *result);
guint svgai_result_get_n_nodes (const SvgaiResult *result);
/* NULL unless the options asked to measure. */
const SvgaiQuality *svgai_result_get_quality (const SvgaiResult *result);
/* A measured result whose SSIM against its source is below this does not
 * resemble it (noise, a photo: the tracer gives an empty or meaningless
 * SVG). The SVG is still written, but the conversion is reported as a
 * failure: the CLI exits 1, the app shows the verdict. */
#define SVGAI_MIN_RESEMBLANCE_SSIM 0.5
/* Images narrower or lower than this (SSIM's window) get no verdict. */
#define SVGAI_RESEMBLANCE_MIN_SIDE 11
/* FALSE, with SVGAI_ERROR_FAILED saying so and naming `name`, when the
 * result was measured and its SSIM is below SVGAI_MIN_RESEMBLANCE_SSIM;
 * TRUE otherwise (also when not measured, or smaller than
 * SVGAI_RESEMBLANCE_MIN_SIDE). */
gboolean svgai_result_check_resemblance (const SvgaiResult *result,
                                         const char *name,
                                         GError **error);
/* The SVG rendered at the source's size; NULL unless options.keep_render. */
SvgaiImage *svgai_result_get_render (const SvgaiResult *result);
/* Hands the kept render to the caller and drops it from the result, so that
 * a result kept for long (the app's documents) holds no pixels. Only for the
 * result's one owner (the caller of svgai_pipeline_run, before sharing it);
 * NULL when there is none. */
SvgaiImage *svgai_result_steal_render (SvgaiResult *result);
/* Wall time of a stage in this run, ms (0 when a cache answered it). */
double svgai_result_get_stage_ms (const SvgaiResult *result, SvgaiStage stage);
/* The analysis: NULL when the run stopped before it (never, today). */
const SvgaiFeatures *svgai_result_get_features (const SvgaiResult *result);
const SvgaiClassification *svgai_result_get_classification (const SvgaiResult *result);
/* The SvgaiTier whose choice was used, -1 when the optimizer did not run
 * (every parameter fixed) or failed (the engine's defaults were used). */
int svgai_result_get_tier (const SvgaiResult *result);
/* The optimizer's own choice, before the fixed parameters were applied;
 * NULL when it did not run. */
const SvgaiParams *svgai_result_get_auto_params (const SvgaiResult *result);
/* Parameter sets the optimizer considered, and of those traced. */
guint svgai_result_get_n_candidates (const SvgaiResult *result);
guint svgai_result_get_n_traced (const SvgaiResult *result);
/* The predictor's estimate of the SSIM for the parameters used; NAN if
 * unknown. Meaningful only for features the predictor was trained on:
 * see svgai_features_in_training_range(). */
double svgai_result_get_predicted_ssim (const SvgaiResult *result);
/* For a predictor model that does not record its training range (trained
 * before it did): how far, in the corpus's standard deviations, a feature
 * may lie from the corpus's mean and still count as inside. */
#define SVGAI_PREDICTOR_RANGE_SIGMAS 4.0
/* TRUE when each of the eight features, as the predictor reads it, lies
 * within the range of the images it was trained on (predictor.json's
 * feature_min/feature_max, written by the trainer; older models: within
 * SVGAI_PREDICTOR_RANGE_SIGMAS of the mean); otherwise FALSE with *outside
 * (may be NULL) set to the one furthest out. FALSE, *outside =
 * SVGAI_N_FEATURES, when the models are not loaded. */
gboolean svgai_features_in_training_range (const SvgaiFeatures *features,
                                           SvgaiFeature *outside);
/* Which caches answered. */
gboolean svgai_result_get_features_cached (const SvgaiResult *result);
gboolean svgai_result_get_trace_cached (const SvgaiResult *result);
/* TRUE for the quick first result of options.provisional. */
gboolean svgai_result_is_provisional (const SvgaiResult *result);

/* The palette panel. The colours traced, with their pixel shares and which
 * are locked; *n receives their number. */
const SvgaiSwatch *svgai_result_get_palette (const SvgaiResult *result, guint *n);
/* Sentences saying what the colour options asked for and could not be done
 * ("#ff0000 is ΔE 23 from every --palette colour: kept"); NULL past the end. */
const char *svgai_result_get_warning (const SvgaiResult *result, guint index);
/* Whether the tracer removed the source's background (the colour options'
 * remove or auto), and *color (may be NULL) the colour it removed, as the
 * engine found it. FALSE when the background was kept. */
gboolean svgai_result_get_removed_background (const SvgaiResult *result, SvgaiColor *color);
/* A new result whose fills of colour from[i] (exact RGB match of a swatch
 * or layer) are painted to[i] instead: the geometry is shared, nothing is
 * re-traced, the SVG is rewritten, the result is unmeasured. Locking,
 * merging and the count re-trace instead: set them in SvgaiParams
 * (svgai_params_lock_color, svgai_params_merge_color, colors) and run the
 * pipeline again. NULL with an error when a from colour is not in the
 * result. */
SvgaiResult *svgai_result_recolor (const SvgaiResult *result, const SvgaiColor *from, const SvgaiColor *to,
                                   guint n, GError **error);

/* Parameters the caller fixes; the optimizer chooses the others. */
typedef enum {
  SVGAI_PARAM_COLORS    = 1 << 0,
  SVGAI_PARAM_SPECKLE   = 1 << 1,
  SVGAI_PARAM_SMOOTH    = 1 << 2,
  SVGAI_PARAM_TOLERANCE = 1 << 3,
  SVGAI_PARAM_LAYERING  = 1 << 4,
  SVGAI_PARAM_UPSAMPLE  = 1 << 5,
  SVGAI_PARAM_ALL       = (1 << 6) - 1,
} SvgaiParamMask;

/* The bit of a numeric parameter, by its spec name; 0 if unknown. */
SvgaiParamMask svgai_param_mask_from_name (const char *name);

/* Called on the pipeline's thread as each stage starts. */
typedef void (*SvgaiProgressFunc) (SvgaiStage stage, gpointer user_data);
/* Called on the pipeline's thread with the quick first result (the fast
 * tier's choice, traced) while a slower tier searches; the final result
 * follows. The caller owns it only for the call (it may take the render
 * with svgai_result_steal_render): ref it to keep it. */
typedef void (*SvgaiProvisionalFunc) (SvgaiResult *result, gpointer user_data);

typedef struct {
  int tier;                 /* an SvgaiTier */
  double time_limit_s;      /* the optimizer's budget; <= 0: the tier's default */
  /* Feature extraction's budget in ms; < 0: the tier's; 0: none. */
  double features_time_limit_ms;
  SvgaiParams params;       /* values for the parameters in fixed */
  guint fixed;              /* SvgaiParamMask; SVGAI_PARAM_ALL skips the optimizer */
  gboolean use_cache;       /* feature and result caches */
  gboolean measure;         /* render and compute SSIM/PSNR/MSE */
  /* Keep results in the result cache (with use_cache). A batch, which never
   * comes back to an image, turns it off so that memory stays flat. */
  gboolean cache_results;
  gboolean keep_render;     /* keep the render (with measure) for the caller */
  SvgaiProgressFunc progress;         /* optional */
  SvgaiProvisionalFunc provisional;   /* optional */
  gpointer user_data;                 /* for both callbacks */
} SvgaiPipelineOptions;

/* Balanced tier, its default budgets, nothing fixed, caches on, measured. */
void svgai_pipeline_options_init (SvgaiPipelineOptions *options);

SvgaiResult *svgai_pipeline_run (SvgaiImage *image,
                                 const SvgaiPipelineOptions *options,
                                 GCancellable *cancellable,
                                 GError **error);

/* Loads path first (the load stage); image_out (optional) receives it. */
SvgaiResult *svgai_pipeline_run_file (const char *path,
                                      const SvgaiLoadOptions *load_options,
                                      const SvgaiPipelineOptions *options,
                                      SvgaiImage **image_out,
                                      GCancellable *cancellable,
                                      GError **error);

/* ---- Reports (JSON) -------------------------------------------------- */

/* Adds {"colors": …, "layering": …} as a value. */
void svgai_report_add_params (JsonBuilder *builder, const SvgaiParams *params);
/* Adds the eight features as an object value. */
void svgai_report_add_features (JsonBuilder *builder, const SvgaiFeatures *features);
/* Adds params, stage times, quality, class, tier, features and size members
 * to an open object. */
void svgai_report_add_result (JsonBuilder *builder, const SvgaiResult *result);

/* ---- Export formats -------------------------------------------------- */

/* What an SVG can be saved as: itself, or drawn by librsvg on cairo's PDF
 * or EPS surface (vector; 96 px = 1 inch) or into a PNG. */
typedef enum {
  SVGAI_FORMAT_SVG,
  SVGAI_FORMAT_PDF,
  SVGAI_FORMAT_EPS,
  SVGAI_FORMAT_PNG,
} SvgaiFormat;

/* The format a file name asks for by its extension (.pdf, .eps or .ps,
 * .png; anything else: SVG). */
SvgaiFormat svgai_format_for_name (const char *name);
/* "svg", "pdf", "eps" or "png" (any case); FALSE for anything else. */
gboolean svgai_format_from_string (const char *text, SvgaiFormat *format);
/* ".svg", ".pdf", ".eps", ".png". */
const char *svgai_format_get_extension (SvgaiFormat format);
/* The SVG in format: a new reference to svg itself for SVG; for PNG,
 * png_size pixels on the longer side when > 0, else png_scale times the
 * SVG's own size. NULL with the reason when librsvg or cairo fail. */
GBytes *svgai_svg_export (GBytes *svg,
                          SvgaiFormat format,
                          double png_scale,
                          int png_size,
                          GError **error);
/* TRUE when the SVG has translucent shapes (EPS has no transparency: it
 * flattens them). */
gboolean svgai_svg_is_translucent (GBytes *svg);

/* ---- Files ----------------------------------------------------------- */

/* Writes data to path atomically: a temporary file in the same folder,
 * fsync, rename. An existing file is replaced only on success. Refuses to
 * write over `protect` (the source image) when it is the same file. A
 * symlink is followed (the file it names is replaced, the link stays);
 * anything else that is not a regular file (device, FIFO, socket) is
 * refused, never opened nor replaced. */
gboolean svgai_write_file_atomic (const char *path,
                                  const void *data,
                                  gsize length,
                                  const char *protect,
                                  GError **error);

/* ---- Performance monitor --------------------------------------------- */

/* Every pipeline stage records its wall time and the change in resident
 * memory into one, per operation name ("trace", "features", …); counters
 * hold cache hits and misses. Thread-safe and always on (SVGAI_PERF=0 or
 * svgai_perf_set_enabled() turns it off, to measure what it costs). */
typedef struct _SvgaiPerf SvgaiPerf;

typedef struct {
  const char *name;          /* operation, e.g. "trace" (interned) */
  guint64 count;
  double total_ms;
  double mean_ms;
  double median_ms;
  double min_ms;
  double max_ms;
  double std_ms;             /* population standard deviation */
  double mean_mem_delta_bytes; /* resident set after − before, mean */
  guint64 peak_rss_bytes;    /* highest resident set seen at the end of this operation */
} SvgaiPerfOpStats;

typedef struct {
  const char *name;          /* e.g. "cache.features.hit" (interned) */
  gint64 value;
} SvgaiPerfCounter;

/* A snapshot, for the app's panels and the CLI. */
typedef struct {
  gboolean enabled;
  double elapsed_s;          /* since the monitor was created or reset */
  guint64 baseline_rss_bytes; /* resident set when created or reset */
  guint64 current_rss_bytes;
  guint64 peak_rss_bytes;    /* process peak (VmHWM) */
  guint n_ops;
  SvgaiPerfOpStats *ops;     /* in order of first use */
  guint n_counters;
  SvgaiPerfCounter *counters; /* sorted by name */
} SvgaiPerfSummary;

SvgaiPerf *svgai_perf_new (void);
void svgai_perf_free (SvgaiPerf *perf);
/* The process-wide monitor the pipeline records into. */
SvgaiPerf *svgai_perf_get_default (void);
void svgai_perf_set_enabled (SvgaiPerf *perf, gboolean enabled);
gboolean svgai_perf_get_enabled (SvgaiPerf *perf);
/* Forgets every record and counter; the baseline becomes the RSS now. */
void svgai_perf_reset (SvgaiPerf *perf);
/* perf NULL means the default monitor. op must outlive the monitor (a
 * string literal or an interned string). */
void svgai_perf_record (SvgaiPerf *perf, const char *op, double ms, gint64 mem_delta_bytes);
void svgai_perf_count (SvgaiPerf *perf, const char *counter, gint64 delta);
gint64 svgai_perf_get_counter (SvgaiPerf *perf, const char *counter);

/* Timing a block in one line:
 *
 *   SVGAI_PERF_SCOPE ("trace");
 *
 * records from there to the end of the enclosing block. Or explicitly:
 *
 *   SvgaiPerfScope s = svgai_perf_scope_begin (NULL, "trace");
 *   …
 *   ms = svgai_perf_scope_end (&s);
 *
 * svgai_perf_scope_end returns the elapsed milliseconds even when the
 * monitor is disabled, and records at most once. */
typedef struct {
  SvgaiPerf *perf;           /* NULL once ended or when disabled */
  const char *op;
  gint64 start_ns;           /* CLOCK_MONOTONIC; 0 once ended */
  guint64 rss_before;
} SvgaiPerfScope;

SvgaiPerfScope svgai_perf_scope_begin (SvgaiPerf *perf, const char *op);
double svgai_perf_scope_end (SvgaiPerfScope *scope);
void svgai_perf_scope_clear (SvgaiPerfScope *scope);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SvgaiPerfScope, svgai_perf_scope_clear)

#define SVGAI_PERF_SCOPE(op) \
  g_auto(SvgaiPerfScope) G_PASTE (svgai_perf_scope_, __LINE__) G_GNUC_UNUSED = \
    svgai_perf_scope_begin (NULL, (op))

SvgaiPerfSummary *svgai_perf_get_summary (SvgaiPerf *perf);
void svgai_perf_summary_free (SvgaiPerfSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SvgaiPerfSummary, svgai_perf_summary_free)
/* NULL if op was never recorded. */
const SvgaiPerfOpStats *svgai_perf_summary_find (const SvgaiPerfSummary *summary, const char *op);
gint64 svgai_perf_summary_get_counter (const SvgaiPerfSummary *summary, const char *counter);
/* Adds the summary as a JSON object value: {"enabled", "elapsed_s",
 * "memory": {baseline, current, peak}, "operations": {op: {count, mean_ms,
 * …}}, "counters": {name: n}}. */
void svgai_perf_summary_to_json (const SvgaiPerfSummary *summary, JsonBuilder *builder);

/* Resident set size now, and the process's peak, in bytes (0 if unknown). */
guint64 svgai_memory_rss (void);
guint64 svgai_memory_peak_rss (void);

/* ---- Training (libsvgai-train) --------------------------------------- */

/* Writes count synthetic labelled logos into dir (created if needed):
 * NNNNN.png, NNNNN.svg (the ground truth) and labels.tsv. Deterministic:
 * sample i depends on (seed, i) only. */
gboolean svgai_corpus_write (const char *dir,
                             guint count,
                             guint64 seed,
                             GCancellable *cancellable,
                             GError **error);

typedef struct {
  const char *corpus_dir;
  const char *models_dir;
  guint predictor_images;   /* training images traced for the predictor, 0 = 600 */
  guint runs_per_image;     /* parameter sets traced per image, 0 = 12 */
  gboolean verbose;         /* progress on stderr */
  gboolean reuse_runs;      /* read the traced runs saved in the corpus folder by an earlier
                             * training with the same settings (the tracer must not have changed) */
} SvgaiTrainOptions;

/* Trains every model from a corpus written by svgai_corpus_write() and
 * writes classifier.json, predictor.json and optimizer.json into
 * models_dir. Deterministic. report receives the held-out figures as text. */
gboolean svgai_train (const SvgaiTrainOptions *options,
                      GString *report,
                      GCancellable *cancellable,
                      GError **error);

G_END_DECLS
