/* quorum-time-grid-blocks.c — the grid's meeting blocks and "+N more" chips
 *
 * Real buttons, so they are focusable and accessible; quorum-time-grid.c
 * places them.
 */
#include "config.h"
#include "quorum-time-grid-private.h"
#include "quorum-format.h"
#include "quorum-week-layout.h"

#include <glib/gi18n.h>

/* A start time covered by a block starting less than a line later is hidden. */
#define LABEL_SPAN (20 * G_TIME_SPAN_MINUTE)

void
quorum_time_grid_block_clear (gpointer data)
{
  Block *b = data;

  g_free (b->span);
  g_free (b->from);
}

void
quorum_time_grid_block_set_compact (Block    *b,
                   gboolean  compact)
{
  g_autofree char *text = NULL;

  b->compact = compact;
  if (b->head == NULL)   /* a "+N more" chip */
    {
      gtk_label_set_text (GTK_LABEL (b->time), compact ? b->from : b->span);
      return;
    }
  gtk_widget_set_visible (b->head, !compact);
  if (compact && b->n_hidden > 0)
    text = g_strdup_printf ("%s\n+%u", b->from, b->n_hidden);
  gtk_label_set_text (GTK_LABEL (b->time), compact ? (text ? text : b->from) : b->span);
  /* Clipped rather than "1…": the hour is what matters. */
  gtk_label_set_ellipsize (GTK_LABEL (b->time), compact ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);
  if (compact)
    gtk_widget_add_css_class (b->widget, "compact");
  else
    gtk_widget_remove_css_class (b->widget, "compact");
}

/* Block.n_hidden, per column, from the blocks' times and side-by-side columns. */
void
quorum_time_grid_count_hidden (QuorumTimeGrid *self)
{
  g_autoptr(GArray) slots = g_array_new (FALSE, TRUE, sizeof (QuorumWeekSlot));
  g_autoptr(GArray) index = g_array_new (FALSE, FALSE, sizeof (guint));

  self->hidden_stale = FALSE;
  for (guint c = 0; c < self->columns->len; c++)
    {
      g_array_set_size (slots, 0);
      g_array_set_size (index, 0);
      for (guint i = 0; i < self->blocks->len; i++)
        {
          const Block *b = &g_array_index (self->blocks, Block, i);
          QuorumWeekSlot s = { b->start, b->end, b->sub, b->n_sub };

          if (b->column != c || b->head == NULL)
            continue;
          g_array_append_val (slots, s);
          g_array_append_val (index, i);
        }
      for (guint k = 0; k < slots->len; k++)
        {
          Block *b = &g_array_index (self->blocks, Block, g_array_index (index, guint, k));
          guint n = quorum_week_layout_n_hidden ((QuorumWeekSlot *) (void *) slots->data, slots->len, k,
                                                 LABEL_SPAN);

          if (n != b->n_hidden)
            {
              b->n_hidden = n;
              if (b->compact)
                quorum_time_grid_block_set_compact (b, TRUE);
            }
        }
    }
}

static void
block_clicked (GtkButton      *button,
               QuorumTimeGrid *self)
{
  g_signal_emit_by_name (self, "block-activated",
                         (const char *) g_object_get_data (G_OBJECT (button), "local-id"));
}

static void
more_clicked (GtkButton      *button,
              QuorumTimeGrid *self)
{
  g_signal_emit_by_name (self, "more-activated",
                         GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "column")));
}

void
quorum_time_grid_clear_blocks (QuorumTimeGrid *self)
{
  g_return_if_fail (QUORUM_IS_TIME_GRID (self));

  for (guint i = 0; i < self->blocks->len; i++)
    gtk_widget_unparent (g_array_index (self->blocks, Block, i).widget);
  g_array_set_size (self->blocks, 0);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static gboolean
stacks_above (const Block *o,
              gint64       start,
              guint        sub)
{
  return o->start > start || (o->start == start && o->sub > sub);
}

/* Kept in order of start (then side-by-side column), in the array and as
 * children: later blocks lie over earlier ones, so a cascade shows each
 * one's top.  Blocks mostly come in that order: look from the end. */
static void
insert_block (QuorumTimeGrid *self,
              Block          *b)
{
  guint pos = self->blocks->len;

  while (pos > 0 && stacks_above (&g_array_index (self->blocks, Block, pos - 1), b->start, b->sub))
    pos--;
  gtk_widget_insert_before (b->widget, GTK_WIDGET (self),
                            pos < self->blocks->len ? g_array_index (self->blocks, Block, pos).widget : NULL);
  g_array_insert_val (self->blocks, pos, *b);
  self->hidden_stale = TRUE;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

GtkWidget *
quorum_time_grid_add_block (QuorumTimeGrid      *self,
                            guint                column,
                            const QuorumMeeting *meeting,
                            gint64               start,
                            gint64               end,
                            guint                sub,
                            guint                n_sub)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autofree char *from = quorum_format_clock (meeting->start_time, tz);
  g_autofree char *to = quorum_format_clock (meeting->end_time, tz);
  g_autofree char *span = g_strdup_printf ("%s–%s", from, to);
  g_autofree char *a11y = NULL;
  const char *icon = NULL, *mark_label = NULL;
  GtkWidget *button, *box, *title, *time, *head;
  Block b;

  g_return_val_if_fail (QUORUM_IS_TIME_GRID (self), NULL);
  g_return_val_if_fail (column < self->columns->len, NULL);

  button = gtk_button_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  title = gtk_label_new (meeting->title);
  time = gtk_label_new (span);
  gtk_widget_add_css_class (button, "meeting-block");
  if (g_strcmp0 (meeting->status, "CANCELLED") == 0)
    gtk_widget_add_css_class (button, "cancelled");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (time), 0);
  gtk_label_set_ellipsize (GTK_LABEL (time), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "block-title");
  gtk_widget_add_css_class (time, "caption");
  gtk_widget_set_valign (box, GTK_ALIGN_START);
  if (quorum_format_sync_mark (meeting->sync_state, &icon, &mark_label))
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *mark = gtk_image_new_from_icon_name (icon);

      gtk_widget_add_css_class (mark, "sync-mark");
      gtk_widget_add_css_class (button, meeting->sync_state);
      gtk_accessible_update_property (GTK_ACCESSIBLE (mark), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      mark_label, -1);
      gtk_widget_set_hexpand (title, TRUE);
      gtk_box_append (GTK_BOX (row), title);
      gtk_box_append (GTK_BOX (row), mark);
      head = row;
    }
  else
    head = title;
  gtk_box_append (GTK_BOX (box), head);
  gtk_box_append (GTK_BOX (box), time);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_set_overflow (button, GTK_OVERFLOW_HIDDEN);

  a11y = g_strdup_printf ("%s, %s%s%s", meeting->title ? meeting->title : "", span,
                          mark_label ? ", " : "", mark_label ? mark_label : "");
  gtk_widget_set_tooltip_text (button, a11y);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  g_object_set_data_full (G_OBJECT (button), "local-id", g_strdup (meeting->local_id), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (block_clicked), self);
  b = (Block) { button, column, start, end, sub, MAX (n_sub, 1), head, time,
                g_strdup (span), g_strdup (from), FALSE, 0 };
  insert_block (self, &b);
  return button;
}

GtkWidget *
quorum_time_grid_add_more (QuorumTimeGrid *self,
                           guint           column,
                           gint64          start,
                           gint64          end,
                           guint           sub,
                           guint           n_sub,
                           guint           n_more)
{
  g_autofree char *text = NULL, *plus = NULL, *a11y = NULL;
  GtkWidget *button, *label;
  Block b;

  g_return_val_if_fail (QUORUM_IS_TIME_GRID (self), NULL);
  g_return_val_if_fail (column < self->columns->len, NULL);

  /* Translators: a week column's summary of the meetings not drawn */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+%u more", "+%u more", n_more), n_more);
  plus = g_strdup_printf ("+%u", n_more);
  a11y = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more meeting: show the day in the agenda",
                                       "%u more meetings: show the day in the agenda", n_more), n_more);
  button = gtk_button_new ();
  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* Over two lines in a narrow lane ("+46 / more"), not cut. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_widget_add_css_class (label, "caption");
  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_widget_add_css_class (button, "meeting-more");
  gtk_widget_set_overflow (button, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_tooltip_text (button, a11y);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  g_object_set_data (G_OBJECT (button), "column", GUINT_TO_POINTER (column));
  g_signal_connect (button, "clicked", G_CALLBACK (more_clicked), self);

  b = (Block) { button, column, start, end, sub, MAX (n_sub, 1), NULL, label,
                g_steal_pointer (&text), g_steal_pointer (&plus), FALSE, 0 };
  insert_block (self, &b);
  return button;
}
