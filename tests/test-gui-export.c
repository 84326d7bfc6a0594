/* Export formats: PDF, EPS and PNG written from the app, read back by other
 * programs (poppler's pdftoppm, Ghostscript, the PNG decoder) and compared
 * with librsvg's rendering of the SVG (SSIM ≥ 0.99). Run under Xvfb. */

#include "svgai-config.h"

#include <glib/gstdio.h>
#include <librsvg/rsvg.h>
#include <math.h>
#include "svgai-export.h"
#include "test-gui-util.h"

#define TIMEOUT_MS 30000

static SvgaiApplication *app;

/* Grey levels of a PNG composited on white. */
typedef struct {
  int w, h;
  double *v;
} Grey;

static void
grey_free (Grey *g)
{
  g_free (g->v);
  g_free (g);
}

static Grey *
grey_from_pixbuf (GdkPixbuf *pixbuf)
{
  Grey *g = g_new0 (Grey, 1);
  int n = gdk_pixbuf_get_n_channels (pixbuf), stride = gdk_pixbuf_get_rowstride (pixbuf);
  const guint8 *p = gdk_pixbuf_read_pixels (pixbuf);

  g->w = gdk_pixbuf_get_width (pixbuf);
  g->h = gdk_pixbuf_get_height (pixbuf);
  g->v = g_new (double, g->w * g->h);
  for (int y = 0; y < g->h; y++)
    for (int x = 0; x < g->w; x++)
      {
        const guint8 *q = p + y * stride + x * n;
        double a = n == 4 ? q[3] / 255.0 : 1.0;
        double lum = 0.299 * q[0] + 0.587 * q[1] + 0.114 * q[2];

        g->v[y * g->w + x] = lum * a + 255.0 * (1 - a);
      }
  return g;
}

static Grey *
grey_from_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (path, &error);

  g_assert_no_error (error);
  return grey_from_pixbuf (pixbuf);
}

/* librsvg's rendering of the SVG at width × height. */
static Grey *
grey_from_svg (GBytes *svg, int width, int height)
{
  g_autoptr(GError) error = NULL;
  RsvgHandle *handle = rsvg_handle_new_from_data (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg), &error);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  Grey *g;

  g_assert_no_error (error);
  g_assert_true (rsvg_handle_render_document (handle, cr, &(RsvgRectangle) { 0, 0, width, height }, &error));
  cairo_destroy (cr);
  pixbuf = gdk_pixbuf_get_from_surface (surface, 0, 0, width, height);
  g = grey_from_pixbuf (pixbuf);
  cairo_surface_destroy (surface);
  g_object_unref (handle);
  return g;
}

/* Mean SSIM over 7 × 7 windows (as scikit-image's default), on grey levels. */
static double
ssim (const Grey *a, const Grey *b)
{
  const double c1 = pow (0.01 * 255, 2), c2 = pow (0.03 * 255, 2);
  int w = MIN (a->w, b->w), h = MIN (a->h, b->h);
  double total = 0;
  int count = 0;

  for (int y = 0; y + 7 <= h; y++)
    for (int x = 0; x + 7 <= w; x++)
      {
        double ma = 0, mb = 0, va = 0, vb = 0, cov = 0;

        for (int j = 0; j < 7; j++)
          for (int i = 0; i < 7; i++)
            {
              ma += a->v[(y + j) * a->w + x + i];
              mb += b->v[(y + j) * b->w + x + i];
            }
        ma /= 49;
        mb /= 49;
        for (int j = 0; j < 7; j++)
          for (int i = 0; i < 7; i++)
            {
              double da = a->v[(y + j) * a->w + x + i] - ma, db = b->v[(y + j) * b->w + x + i] - mb;

              va += da * da;
              vb += db * db;
              cov += da * db;
            }
        va /= 48;
        vb /= 48;
        cov /= 48;
        total += ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
        count++;
      }
  return count ? total / count : 0;
}

static gboolean
run (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, NULL, &status, &error))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

static gboolean
exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
test_formats_render_back (void)
{
  SvgaiWindow *window = svgai_window_new (ADW_APPLICATION (app));
  g_autofree char *src = g_test_build_filename (G_TEST_DIST, "data", "gui", "logo-bazel-icon.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("svgai-export-XXXXXX", &error);
  g_autofree char *pdf = g_build_filename (dir, "logo.pdf", NULL);
  g_autofree char *eps = g_build_filename (dir, "logo.eps", NULL);
  g_autofree char *png = g_build_filename (dir, "logo.png", NULL);
  g_autofree char *pdf_png = g_build_filename (dir, "from-pdf.png", NULL);
  g_autofree char *pdf_prefix = g_build_filename (dir, "from-pdf", NULL);
  g_autofree char *eps_png = g_build_filename (dir, "from-eps.png", NULL);
  g_autofree char *gs_out = g_strconcat ("-sOutputFile=", eps_png, NULL);
  g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");
  g_autofree char *gs = g_find_program_in_path ("gs");
  SvgaiDocument *doc;
  GBytes *svg;
  Grey *reference, *back;
  double s, sw, sh;

  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  test_gui_drop_path (window, src);
  doc = test_gui_last_document (window);
  g_assert_true (test_gui_wait_done (doc, 1, TIMEOUT_MS));
  svg = svgai_document_get_svg (doc);
  {
    RsvgHandle *handle = rsvg_handle_new_from_data (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg), NULL);

    g_assert_true (rsvg_handle_get_intrinsic_size_in_pixels (handle, &sw, &sh));
    g_object_unref (handle);
  }
  reference = grey_from_svg (svg, (int) ceil (sw), (int) ceil (sh));

  /* As the save dialog writes them: the extension picks the format. */
  {
    g_autoptr(GFile) f1 = g_file_new_for_path (pdf);
    g_autoptr(GFile) f2 = g_file_new_for_path (eps);
    g_autoptr(GFile) f3 = g_file_new_for_path (png);

    svgai_window_save_to (window, f1, 1);
    g_assert_nonnull (strstr (svgai_window_get_last_toast (window), "logo.pdf"));
    svgai_window_save_to (window, f2, 1);
    svgai_window_save_to (window, f3, 2);
  }

  /* PNG: decoded at the asked size (twice the source), same picture. */
  {
    g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (png, &error);
    Grey *big;

    g_assert_no_error (error);
    g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, (int) ceil (2 * sw));
    g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, (int) ceil (2 * sh));
    back = grey_from_pixbuf (pixbuf);
    big = grey_from_svg (svg, (int) ceil (2 * sw), (int) ceil (2 * sh));
    s = ssim (back, big);
    g_test_message ("PNG ×2 SSIM %.4f", s);
    g_assert_cmpfloat (s, >=, 0.99);
    grey_free (back);
    grey_free (big);
  }

  /* PDF through poppler. */
  if (pdftoppm != NULL)
    {
      const char *argv[] = { "pdftoppm", "-r", "96", "-png", "-singlefile", pdf, pdf_prefix, NULL };

      g_assert_true (run (argv));
      back = grey_from_file (pdf_png);
      g_assert_cmpint (abs (back->w - (int) ceil (sw)), <=, 1);
      s = ssim (back, reference);
      g_test_message ("PDF SSIM %.4f", s);
      g_assert_cmpfloat (s, >=, 0.99);
      grey_free (back);
    }
  else
    g_test_message ("pdftoppm missing (poppler-utils): PDF not read back");

  /* EPS through Ghostscript. */
  if (gs != NULL)
    {
      const char *argv[] = { "gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=png16m", "-r96",
                             "-dEPSCrop", "-dTextAlphaBits=4", "-dGraphicsAlphaBits=4", gs_out, eps, NULL };

      g_assert_true (run (argv));
      back = grey_from_file (eps_png);
      g_assert_cmpint (abs (back->w - (int) ceil (sw)), <=, 1);
      s = ssim (back, reference);
      g_test_message ("EPS SSIM %.4f", s);
      g_assert_cmpfloat (s, >=, 0.99);
      grey_free (back);
    }
  else
    g_test_message ("gs missing (ghostscript): EPS not read back");

  if (pdftoppm == NULL || gs == NULL)
    g_test_incomplete ("install poppler-utils and ghostscript (tools/debian-packages.txt)");
  grey_free (reference);

  /* Through the dialog: a typed extension picks the format. (The dialog's
   * Format choice is not set here: GTK 4.8's fallback dialog does not hand
   * a choice set on it from outside back to the native dialog.) */
  {
    GList *before = gtk_window_list_toplevels ();
    GtkWindow *chooser;
    g_autofree char *chosen = g_build_filename (dir, "picked.pdf", NULL);

    gtk_widget_activate_action (GTK_WIDGET (window), "win.export-as", NULL);
    test_gui_spin (300);
    chooser = test_gui_new_toplevel (before, GTK_TYPE_FILE_CHOOSER);
    g_assert_nonnull (chooser);
    {
      g_autoptr(GFile) folder = g_file_new_for_path (dir);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "picked.pdf");
    gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
    test_gui_wait (exists, chosen, 10000);
    g_test_message ("toast: %s", svgai_window_get_last_toast (window));
    g_assert_true (exists (chosen));
    {
      g_autofree char *head = NULL;

      g_assert_true (g_file_get_contents (chosen, &head, NULL, NULL));
      g_assert_true (g_str_has_prefix (head, "%PDF"));
    }
    g_list_free (before);
  }

  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_remove (path);
      }
  }
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  app = test_gui_init (&argc, &argv, "/gui/export/no-display");
  if (app != NULL)
    g_test_add_func ("/gui/export/formats-render-back", test_formats_render_back);
  return g_test_run ();
}
