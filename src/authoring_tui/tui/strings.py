"""Every French text the application shows, in one place.

Widgets and screens import their labels, messages and key descriptions from here
and never write French themselves, so the wording and the typography (« »,
non-breaking spaces before : ; ! ?) are reviewed in one file.
"""

from __future__ import annotations

# Application and header

APP_TITLE = "Rapport d’activité"
ROLE_OF_CHAPTERS = "contributeur de {count} chapitre(s)"
HEADER_USER = "{label} · {role}"
NO_CLOCK = ""

# Key descriptions (footer, help, command palette)

KEY_QUIT = "Quitter"
KEY_HELP = "Aide"
KEY_PALETTE = "Commandes"
KEY_OPEN = "Ouvrir"
KEY_SEARCH = "Rechercher"
KEY_MINE = "Mes chapitres"
KEY_ALL = "Tous"
KEY_BY_DGA = "Par DGA"
KEY_BY_STATUS = "Par statut"
KEY_REVIEW = "Relire"
KEY_EXPORT = "Exporter"
KEY_REFRESH = "Actualiser"
KEY_SAVE = "Enregistrer"
KEY_SUBMIT = "Soumettre"
KEY_ERRORS = "Erreurs"
KEY_NEXT_ERROR = "Erreur suivante"
KEY_COMMENTS = "Commentaires"
KEY_ADD = "Ajouter"
KEY_REMOVE = "Supprimer"
KEY_MOVE_UP = "Monter"
KEY_MOVE_DOWN = "Descendre"
KEY_BACK = "Retour"
TEXTUAL_KEYS = {"Dismiss menu": "Fermer la liste"}
"""Textual's own key descriptions shown in the footer, in French."""
KEY_OUTLINE = "Plan"
KEY_FORM = "Formulaire"
KEY_COMMENT = "Commenter"
KEY_TO_REWORK = "À reprendre"
KEY_VALIDATE = "Valider"
KEY_EDIT = "Éditer"
KEY_CLOSE = "Fermer"

TOOLTIP_QUIT = "Quitter l’application (demande confirmation s’il reste des modifications)."
TOOLTIP_HELP = "Ouvrir l’aide : les écrans et toutes les touches."
TOOLTIP_PALETTE = "Chercher une commande ou un chapitre."
TOOLTIP_OPEN = "Ouvrir le chapitre choisi (en lecture seule si vous ne pouvez pas le modifier)."
TOOLTIP_SEARCH = (
    "Chercher un chapitre dans tout le rapport par son titre, son numéro ou sa DGA, "
    "sans se soucier des accents ni des majuscules."
)
TOOLTIP_MINE = "N’afficher que les chapitres dont vous êtes rédacteur."
TOOLTIP_ALL = "Afficher tous les chapitres et enlever les filtres."
TOOLTIP_BY_DGA = "Ne garder que les chapitres d’une DGA (appuyer de nouveau pour la suivante)."
TOOLTIP_BY_STATUS = "Ne garder que les chapitres d’un statut (appuyer de nouveau pour le suivant)."
TOOLTIP_REVIEW = "Relire le chapitre choisi, le commenter, changer son statut (secrétariat)."
TOOLTIP_EXPORT = "Produire le document Word du rapport."
TOOLTIP_REFRESH = "Relire tous les chapitres sur le disque."
TOOLTIP_SAVE = "Enregistrer le chapitre (le fichier ne change que là où vous avez écrit)."
TOOLTIP_SUBMIT = "Soumettre le chapitre au secrétariat de rédaction (statut « À relire »)."
TOOLTIP_ERRORS = "La liste de toutes les erreurs du chapitre ; choisir une erreur y mène."
TOOLTIP_NEXT_ERROR = "Aller au champ de l’erreur suivante."
TOOLTIP_COMMENTS = "Les commentaires de relecture du chapitre ; les marquer résolus."
TOOLTIP_ADD = "Ajouter une section, une sous-section ou un bloc."
TOOLTIP_REMOVE = "Supprimer l’élément choisi dans le plan."
TOOLTIP_MOVE_UP = "Monter l’élément choisi d’un cran."
TOOLTIP_MOVE_DOWN = "Descendre l’élément choisi d’un cran."
TOOLTIP_BACK = "Revenir à l’écran précédent (demande confirmation s’il reste des modifications)."
TOOLTIP_OUTLINE = "Aller au plan du chapitre."
TOOLTIP_FORM = "Aller au formulaire de l’élément choisi."
TOOLTIP_COMMENT = "Ajouter un commentaire sur le bloc choisi."
TOOLTIP_TO_REWORK = "Renvoyer le chapitre à la DGA (statut « À reprendre »)."
TOOLTIP_VALIDATE = "Valider le chapitre (statut « Validé »)."
TOOLTIP_EDIT = "Ouvrir le chapitre dans l’éditeur."

# Dashboard

DASHBOARD_TITLE = "Tableau de bord"
REPORT_PROGRESS = "Complétude du rapport : {percent} ({filled} champs remplis sur {total})"
LOADING = "Lecture des chapitres…"
LOADED = "{count} chapitres lus."
COL_NUMERO = "N°"
COL_TITRE = "Titre"
COL_DGA = "DGA"
COL_STATUT = "Statut"
COL_COMPLETUDE = "Complétude"
COL_ERREURS = "Erreurs"
COL_MOTS = "Mots"
COL_ECHEANCE = "Échéance"
COL_RETARD = "Retard"
COL_MODIFIE = "Modifié"
FILTER_SHOW = "Afficher"
FILTER_MINE = "Mes chapitres"
FILTER_ALL = "Tout le rapport"
FILTER_ALL_DGA = "Toutes les DGA"
FILTER_ALL_STATUS = "Tous les statuts"
SEARCH_PLACEHOLDER = "Rechercher…"
LATE = "+{days}\u00a0j"
"""Days past the deadline, in the dashboard's « Retard » column."""
DUE_SOON = "dans {days} j"
NO_DEADLINE = "—"
NEVER = "—"
NO_CHAPTER = "Aucun chapitre ne correspond aux filtres."
NO_SEARCH_MATCH = "Aucun chapitre du rapport ne correspond à cette recherche."
SEARCH_BEYOND_FILTERS = (
    "Recherche dans tout le rapport : 1 résultat hors de vos filtres",
    "Recherche dans tout le rapport : {count} résultats hors de vos filtres",
)
ROW_PART = "{label}"
CHAPTER_UNREADABLE = "Ce chapitre est illisible : {error}"
CHAPTER_NOT_STARTED = (
    "Ce chapitre n’est pas commencé : son fichier n’existe pas encore. "
    "Créez-le avec « authoring-tui init » ou demandez-le au secrétariat."
)
ONLY_SECRETARIAT_REVIEWS = "Seul le secrétariat de rédaction relit et change les statuts."
OPENING = "Ouverture de « {title} »…"

# Editor

READ_ONLY = "lecture seule"
MODIFIED = "● modifié"
SAVED = "enregistré"
ERRORS_COUNT = "{count} erreur(s)"
NO_ERRORS = "aucune erreur"
OPEN_COMMENTS = "{count} commentaire(s) ouvert(s)"
SAVED_NOTICE = "Chapitre enregistré."
NOTHING_TO_SAVE = "Rien à enregistrer."
SUBMITTED = "Chapitre soumis pour relecture."
SUBMITTED_INCOMPLETE = (
    "Chapitre soumis pour relecture, mais il n’est complet qu’à {percent} "
    "et compte {errors} erreur(s) : le secrétariat le verra."
)
CANNOT_SUBMIT = "Ce chapitre ne peut pas être soumis depuis le statut « {statut} »."
READ_ONLY_NOTICE = "Vous lisez ce chapitre : seuls ses rédacteurs et le secrétariat le modifient."
NO_MORE_ERRORS = "Aucune erreur : le chapitre est valide."
FORM_EMPTY = "Choisissez un élément dans le plan."
FIELD_REQUIRED_MARK = " *"
CHOOSE = "— choisir —"
YES = "Oui"
ADD_ITEM = "+ Ajouter : {title}"
ADD_ANY = "+ Ajouter"
REMOVE_ITEM = "Supprimer"
MOVE_UP = "Monter"
MOVE_DOWN = "Descendre"
FIELD_VALUE = "{title} : {value}"
"""A nested field read, not edited (review layout)."""
ITEM_ACTIONS = "{title}"
ITEM = "Élément"
"""An item of a list whose schema gives it no title (« Élément 2 »)."""
UNFOLD = "▸ Déplier"
MORE_ITEMS = "▾ Afficher la suite ({shown} éléments affichés sur {total})"
"""The button of a group whose fields are made when asked (a level of a tree)."""
EMPTY_VALUE = "—"
READ_ONLY_BECAUSE = "Non modifiable dans le formulaire : {reason}"
"""Under a field the form cannot edit; ``reason`` is one of the ``WHY_`` texts, or
the core's message for a schema that cannot be read there."""
WHY_CONST = "sa valeur est fixée par le schéma (« {value} »)."
WHY_NOTHING_ALLOWED = "le schéma n’y admet aucune valeur (« false »)."
WHY_COMPOUND_ENUM = "ses valeurs possibles sont des listes ou des groupes de champs."
WHY_CHOICE = (
    "sa valeur se choisit entre plusieurs schémas (« {keyword} ») qui ne sont pas "
    "des groupes de champs."
)
WHY_NO_VARIANT = (
    "aucune des possibilités du schéma (« oneOf », « anyOf ») ne se reconnaît à un champ "
    "de sa valeur."
)
WHY_PREFIX_ITEMS = "chaque position de cette liste a son propre schéma (« prefixItems »)."
WHY_NULL = "sa seule valeur possible est « null »."
WHY_TYPES = "plusieurs sortes de valeur y sont possibles ({types})."
WHY_NOT = "le schéma dit seulement ce que la valeur ne doit pas être (« not »)."
WHY_CONDITIONAL = "le schéma y pose des conditions (« if », « then », « else ») sans type."
WHY_UNTYPED = "le schéma ne dit pas quelle sorte de valeur y écrire."
WHY_FREE_OBJECT = "le schéma ne décrit aucun des champs de ce groupe."
WHY_RESERVED = "réservé au secrétariat de rédaction."
WHY_OTHER_SHAPE = (
    "le fichier y contient autre chose que {expected} : corrigez-le dans le fichier YAML."
)
TYPE_NAMES = {
    "string": "texte",
    "number": "nombre",
    "integer": "nombre entier",
    "boolean": "oui ou non",
    "array": "liste",
    "object": "groupe de champs",
    "null": "null",
}
SHAPE_NAMES = {"object": "un groupe de champs", "array": "une liste", "scalar": "une valeur simple"}
MANAGED_STATUS = "Statut : {statut} (il change par « Soumettre » ou à la relecture)"
CHOOSE_TYPE = "Type"
ADD_WHAT = "Ajouter"
ADD_WHERE_CHILD = "{list} dans « {parent} »"
ADD_WHERE_SIBLING = "{list} après « {item} »"
CHOOSE_BLOCK_TYPE = "Quel type de « {title} » ajouter ?"
CANNOT_REMOVE_ROOT = "Le chapitre lui-même ne se supprime pas : choisissez un élément du plan."
CONFIRM_REMOVE = "Supprimer « {label} » et tout ce qu’il contient ?"
REMOVED = ("« {label} » supprimé.", "« {label} » supprimée.")
ADDED = ("« {label} » ajouté.", "« {label} » ajoutée.")
FEMININE_NOUNS = frozenset(
    {"Cellule", "Citation", "Colonne", "Image", "Ligne", "Liste", "Réponse", "Section"}
)
"""The schema's item titles that are feminine: « Section 2 » ajoutée."""
NOTHING_TO_ADD = "Rien à ajouter ici."
TYPE_CHANGED = "Type changé en « {title} ». Champs gardés : {kept}. Champs retirés : {dropped}."
CONFIRM_TYPE_CHANGE = (
    "Passer ce bloc en « {title} » ?\n\nChamps gardés : {kept}.\n"
    "Champs retirés (leur texte sera perdu) : {dropped}."
)
NONE = "aucun"
NUMBER_EXPECTED = "saisissez un nombre (par exemple 12,5 ou 1873700)."
INTEGER_EXPECTED = "saisissez un nombre entier."
UNSAVED_TITLE = "Modifications non enregistrées"
UNSAVED_QUESTION = "Le chapitre « {title} » a des modifications non enregistrées. Que faire ?"
UNSAVED_SAVE = "Enregistrer et quitter"
UNSAVED_DISCARD = "Quitter sans enregistrer"
CANCEL = "Annuler"
CONFIRM = "Confirmer"
OK = "OK"
ERROR_LIST_TITLE = "Erreurs du chapitre ({count})"
ERROR_LIST_EMPTY = "Aucune erreur."
COMMENTS_TITLE = "Commentaires de relecture"
COMMENTS_EMPTY = "Aucun commentaire sur ce chapitre."
COMMENT_LINE = "{mark} {date} · {auteur} · {cible}\n{texte}"
COMMENT_OPEN = "○"
COMMENT_RESOLVED = "✓"
COMMENTS_HINT = (
    "Entrée\u00a0: aller au bloc · Espace\u00a0: résolu · r\u00a0: répondre · Échap\u00a0: fermer"
)
COMMENT_REPLY_LINE = "\n    ↳ {date} · {auteur}\u00a0: {texte}"
COMMENT_DELETED_BLOCK = "bloc supprimé"
COMMENT_NOWHERE = "Le bloc de ce commentaire a été supprimé\u00a0: il reste sur le chapitre."
KEY_RESOLVE = "Résolu"
KEY_REPLY = "Répondre"
REPLY_PROMPT = "Réponse à {auteur}\u00a0: «\u00a0{texte}\u00a0»"
REPLY_PLACEHOLDER = "Votre réponse…"
REPLY_ADDED = "Réponse ajoutée et enregistrée."
REPLY_ADDED_UNSAVED = "Réponse ajoutée (Ctrl+S pour l’enregistrer)."
REPLY_EMPTY = "La réponse est vide\u00a0: rien n’a été ajouté."
OUTLINE_OPEN_COMMENTS = "●\u00a0{count} "
"""Before an outline entry's label: its open comments."""
COMMENT_RESOLVED_NOTICE = "Commentaire marqué résolu."
COMMENT_REOPENED_NOTICE = "Commentaire rouvert."
ROOT_TARGET = "le chapitre"

# Review

REVIEW_TITLE = "Relecture"
HISTORY_TITLE = "Historique du statut"
HISTORY_EMPTY = "Aucun changement de statut enregistré."
HISTORY_LINE = "{le} · {statut} · par {par}"
COMMENT_PROMPT = "Commentaire sur « {target} »"
COMMENT_PLACEHOLDER = "Votre remarque pour la DGA…"
COMMENT_ADDED = "Commentaire ajouté et enregistré."
COMMENT_EMPTY = "Le commentaire est vide : rien n’a été ajouté."
STATUS_CHANGED = "Statut : « {statut} »."
COMMENTS_ON_BLOCK = "{count} commentaire(s)"
TERRITORY = "Territoire"

# Export

EXPORT_TITLE = "Exporter le rapport en Word"
EXPORT_SCOPE = "Chapitres à exporter"
SCOPE_ALL = "Tout le rapport"
SCOPE_MINE = "Mes chapitres"
SCOPE_VALID = "Les chapitres validés seulement"
EXPORT_TEMPLATE = "Modèle Word (.docx, facultatif)"
EXPORT_TEMPLATE_PLACEHOLDER = "chemin d’un .docx dont les styles seront repris"
EXPORT_OUTPUT = "Fichier produit (facultatif)"
EXPORT_OUTPUT_PLACEHOLDER = "par défaut : exports/<rapport>_<date-heure>.docx"
EXPORT_RUN = "Exporter"
EXPORT_RUNNING = "Export en cours : {done} chapitre(s) sur {total}…"
EXPORT_DONE = (
    "Document produit : {path}\n{chapters} chapitre(s), environ {pages} pages, "
    "{gaps} manque(s), {comments} commentaire(s)."
)
EXPORT_WARNINGS = "Avertissements :"
EXPORT_UNAVAILABLE = "L’export Word n’est pas encore disponible dans cette version."
EXPORT_NO_MINE = "Vous n’êtes rédacteur d’aucun chapitre : rien à exporter."
EXPORT_TEMPLATE_MISSING = "le modèle « {path} » n’existe pas."

# Errors and confirmations

ERROR_TITLE = "Erreur"
UNEXPECTED_ERROR = (
    "Erreur inattendue : {error}. Vos modifications non enregistrées sont toujours à "
    "l’écran ; signalez ce problème à l’équipe du projet."
)
QUIT_QUESTION = "Quitter l’application ?"
QUIT_HINT_TITLE = "Vous voulez quitter ?"
QUIT_HINT = "Appuyez sur Ctrl+Q pour quitter l’application (Ctrl+C copie le texte choisi)."

# Help and palette

HELP_TITLE = "Aide"
HELP_KEYS_TITLE = "Toutes les touches"
HELP_KEYS_SCREEN = "### {screen}"
HELP_KEY_ROW = "| {key} | {description} | {tooltip} |"
HELP_KEY_HEAD = "| touche | action | détail |\n|---|---|---|"
GO_TO_CHAPTER = "Aller au chapitre : {title}"
GO_TO_CHAPTER_HELP = "{dga} · {statut}"
COMMAND_PALETTE_PLACEHOLDER = "Chercher une commande ou un chapitre…"
PALETTE_NO_MATCH = "Aucune commande ni aucun chapitre ne correspond à « {query} »."
SCREEN_NAMES = {
    "dashboard": "Tableau de bord",
    "editor": "Éditeur de chapitre",
    "review": "Relecture",
    "application": "Partout",
}

# Review rendering

MISSING = "[{title} à compléter]"
BULLET = "• "
SUB_BULLET = "◦ "
LABELLED_VALUE = "{title} : {value}"

# Locks, recovery and conflicts (nothing typed is ever lost)

AUTOSAVE_SECONDS = 5.0
LOCK_BREAK_TITLE = "Chapitre verrouillé"
LOCK_BREAK_QUESTION = (
    "{message}\n\nForcer le verrou ? Ce qu’a saisi l’autre personne sans l’enregistrer "
    "restera dans son fichier de récupération."
)
LOCK_BREAK = "Forcer le verrou"
LOCK_READ_ONLY = "Lire seulement"
RECOVERY_TITLE = "Modifications non enregistrées retrouvées"
RECOVERY_QUESTION = (
    "Le chapitre « {title} » a des modifications qui n’ont pas été enregistrées "
    "(l’application a été fermée sans enregistrer, ou le disque a refusé "
    "l’enregistrement). Les restaurer ?"
)
RECOVERY_RESTORE = "Restaurer"
RECOVERY_DISCARD = "Les abandonner"
RECOVERY_RESTORED = "Modifications restaurées : enregistrez-les avec Ctrl+S."
CONFLICT_TITLE = "Le fichier a changé sur le disque"
CONFLICT_QUESTION = (
    "Ce chapitre a été enregistré ailleurs depuis que vous l’avez ouvert : rien n’a été "
    "écrasé.\n\nDifférences (votre version → celle du disque) :\n{differences}"
)
CONFLICT_LINE = "• {chemin} : « {mine} » → « {theirs} »"
CONFLICT_MORE = "… et {count} autre(s) différence(s)"
CONFLICT_ABSENT = "(absent)"
CONFLICT_KEEP = "Garder la mienne à part"
CONFLICT_RELOAD = "Recharger celle du disque"
CONFLICT_KEPT = "Votre version est gardée dans « {file} » ; celle du disque est rechargée."
CONFLICT_RELOADED = "La version du disque est rechargée."
DELETED_TITLE = "Le fichier a été supprimé"
DELETED_QUESTION = (
    "Le fichier du chapitre a été supprimé sur le disque depuis son ouverture. "
    "Rien n’a été recréé.\n\nLe recréer avec votre version, ou garder votre version "
    "dans un fichier à part (le chapitre reste alors supprimé) ?"
)
DELETED_RECREATE = "Recréer avec ma version"
DELETED_KEEP = "Garder ma version à part"
DELETED_RECREATED = "Le chapitre est recréé avec votre version."
DELETED_KEPT = "Votre version est gardée dans « {file} » ; le chapitre reste supprimé."

# A save that meets a change on disk: three-way merge (issue 15)

MERGED_NOTICE = "Fusionné avec la version sur le disque : {changes}."
MERGED_MORE = "… et {count} autre(s)"
MERGED_KINDS = {"ajouté": " (ajouté)", "supprimé": " (supprimé)", "déplacé": " (ordre changé)"}
MERGE_TITLE = "Fusion : {title}"
MERGE_EXPLAIN = (
    "Ce chapitre a été enregistré ailleurs depuis que vous l’avez ouvert. Tout le reste "
    "est fusionné ; les champs ci-dessous ont été modifiés des deux côtés : choisissez, "
    "pour chacun, la version à garder."
)
MERGE_MINE = "Ma version"
MERGE_THEIRS = "Sur le disque"
MERGE_BASE = "À l’ouverture"
MERGE_TAKE_MINE = "Garder la mienne"
MERGE_TAKE_THEIRS = "Prendre celle du disque"
MERGE_ALL_MINE = "Tout garder de mon côté"
MERGE_ALL_THEIRS = "Tout prendre du disque"
MERGE_SAVE = "Enregistrer"
MERGE_CHOSEN = {"mine": "Choix : ma version", "theirs": "Choix : celle du disque"}
MERGE_NOT_CHOSEN = "Choix : aucun"
MERGE_MISSING = "Choisissez une version pour chaque champ ({count} sans choix)."
MERGE_CANCELLED = "Fusion annulée : vos modifications restent à l’écran, non enregistrées."
MERGE_DELETED = "(supprimé)"
MERGE_EMPTY = "(vide)"
MERGE_KINDS = {
    "suppression": "supprimé d’un côté, modifié de l’autre",
    "ordre": "ordre des blocs changé des deux côtés",
}
MERGE_UNKNOWN = "(inconnue)"
COPY_TITLE = "Copie de conflit"
COPY_QUESTION = (
    "Ce chapitre a {count} copie(s) de conflit, gardée(s) quand un enregistrement n’a "
    "pas pu être fusionné. La plus récente : « {file} ».\n\nLa comparer avec le "
    "chapitre et choisir, champ par champ, ce qu’il faut reprendre ?"
)
COPY_COMPARE = "Comparer et fusionner"
COPY_LATER = "Plus tard"
COPY_MINE = "La copie"
COPY_THEIRS = "Le chapitre"
COPY_TAKE_MINE = "Prendre la copie"
COPY_TAKE_THEIRS = "Garder le chapitre"
COPY_SAME = "La copie « {file} » est identique au chapitre : elle est supprimée."
COPY_TAKEN = (
    "Copie fusionnée dans le chapitre : enregistrez avec Ctrl+S (la copie « {file} » "
    "sera alors supprimée)."
)
COPY_EXPLAIN = (
    "La copie et le chapitre diffèrent sur les champs ci-dessous ; leur version commune "
    "n’est pas connue : choisissez, pour chacun, la version à garder."
)
MERGE_HINT = (
    "m : tout garder de mon côté · d : tout prendre du disque "
    "· Ctrl+S : enregistrer · Échap : annuler"
)
COPY_HINT = (
    "m : tout prendre de la copie · d : tout garder du chapitre "
    "· Ctrl+S : valider · Échap : annuler"
)
COPY_ALL_MINE = "Tout de la copie"
COPY_ALL_THEIRS = "Tout du chapitre"
COPY_SAVE = "Valider"
KEY_MERGE_ALL_MINE = "Tout le mien"
CONFLICT_UNREADABLE = "(la version du disque ne peut pas être lue, donc pas fusionnée : {reason})"
KEY_MERGE_ALL_THEIRS = "Tout le disque"

# A save or an autosave the disk refuses: the editor stays, nothing typed is lost

SAVE_REFUSED_TITLE = "Enregistrement impossible"
SAVE_REFUSED = (
    "{reason}\n\nLe chapitre n’a pas été enregistré ; vos modifications restent à "
    "l’écran.\n\n{recovery}"
)
RECOVERY_KEPT_AT = (
    "Une copie de récupération est gardée dans :\n{path}\nElle vous sera proposée à la "
    "prochaine ouverture du chapitre."
)
RECOVERY_NOT_WRITTEN = (
    "La copie de récupération n’a pas pu être écrite non plus ({reason}) : ne quittez pas "
    "l’éditeur avant d’avoir pu enregistrer."
)
AUTOSAVE_TITLE = "Sauvegarde automatique"
AUTOSAVE_ELSEWHERE = (
    "L’espace de travail refuse la copie de récupération : elle est gardée dans {path}."
)
AUTOSAVE_FAILED = (
    "La copie de récupération n’a pas pu être écrite ({reason}). Vos modifications "
    "restent à l’écran ; enregistrez-les (Ctrl+S) dès que possible."
)
AUTOSAVE_UNEXPECTED = "erreur inattendue {error}"


# Status workflow with intent (confirmations, « À reprendre » with a message,
# a validated chapter read-only until reopened)

OF_NAME = "de {name}"
OF_NAME_ELIDED = "d’{name}"
SUBMIT_TITLE = "Soumettre pour relecture"
SUBMIT_QUESTION = (
    "Soumettre « {title} » au secrétariat de rédaction ? Le chapitre passe en « À relire »."
)
SUBMIT_CONFIRM = "Soumettre"
REWORK_PROMPT = "À reprendre : que doit reprendre la DGA ? (Ctrl+S pour envoyer)"
REWORK_PLACEHOLDER = "Par exemple : merci de compléter la section 2."
REWORK_EMPTY = "Écrivez ce qu’il faut reprendre : le message est obligatoire."
VALIDATE_TITLE = "Valider le chapitre"
VALIDATE_QUESTION = "Valider « {title} » ? Il ne pourra plus être modifié sans être rouvert."
VALIDATE_ANYWAY_QUESTION = "{problems} : valider quand même ?"
VALIDATE_CONFIRM = "Valider"
VALIDATE_ANYWAY = "Valider quand même"
COMMENTS_OPEN = ("1 commentaire ouvert", "{count} commentaires ouverts")
ERRORS_OPEN = ("1 erreur", "{count} erreurs")
PROBLEMS_JOIN = " et "
HISTORY_MESSAGE = " · « {message} »"
REWORK_REQUESTED = "Demandé par {who} le {moment} : {message}"
VALIDATED_BANNER = (
    "Validé le {moment} par {who} : demandez au secrétariat de le rouvrir, ou rouvrez-le (Ctrl+R)."
)
VALIDATED_BANNER_SECRETARIAT = (
    "Validé le {moment} par {who} : rouvrez-le (Ctrl+R) pour le modifier."
)
VALIDATED_BANNER_UNKNOWN = "Validé : demandez au secrétariat de le rouvrir, ou rouvrez-le (Ctrl+R)."
VALIDATED_NOTICE = "Ce chapitre est validé : rouvrez-le (Ctrl+R) avant de le modifier."
KEY_REOPEN = "Rouvrir"
TOOLTIP_REOPEN = "Rouvrir le chapitre validé : il repasse en « Brouillon », l’historique le dit."
REOPEN_TITLE = "Rouvrir le chapitre"
REOPEN_QUESTION = (
    "Rouvrir « {title} » ? Il repasse de « Validé » à « Brouillon » (une ligne "
    "d’historique le dit) et devra être relu et validé de nouveau."
)
REOPEN_CONFIRM = "Rouvrir"
REOPENED = "Chapitre rouvert : il est en « Brouillon », vous pouvez le modifier."
CANNOT_REOPEN = "Seuls les rédacteurs du chapitre et le secrétariat peuvent le rouvrir."

# Locks that do not block the team: activity, takeover by the secrétariat

LOCK_CHECK_SECONDS = 3.0
LOCK_TAKEOVER_TITLE = "Chapitre ouvert par quelqu’un d’inactif"
LOCK_TAKEOVER_QUESTION = (
    "{message}\n\nReprendre le verrou {of_who} (inactif depuis {minutes} min) ? Ses "
    "modifications non enregistrées lui seront proposées à sa prochaine ouverture."
)
LOCK_TAKE_OVER = "Reprendre le verrou"
LOCK_TAKEN_TITLE = "Verrou repris"
LOCK_TAKEN = (
    "Le verrou a été repris par {who} à {hour} h {minute:02d} ; vos modifications non "
    "enregistrées sont gardées et vous seront proposées à votre prochaine ouverture."
)
LOCK_TAKEN_CLEAN = (
    "Le verrou a été repris par {who} à {hour} h {minute:02d} ; vous n’aviez aucune "
    "modification non enregistrée. Le chapitre est maintenant en lecture seule."
)
LOCK_TAKEN_NOT_KEPT = (
    "Le verrou a été repris par {who} à {hour} h {minute:02d}. La copie de récupération "
    "n’a pas pu être écrite ({reason}) : vos modifications restent à l’écran, en lecture "
    "seule ; copiez-les avant de quitter."
)

# The table grid (a list of rows marked "x-widget": "grille")
KEY_GRID_ADD_ROW = "+ligne"
KEY_GRID_ADD_COLUMN = "+colonne"
KEY_GRID_REMOVE_ROW = "−ligne"
KEY_GRID_REMOVE_COLUMN = "−colonne"
TOOLTIP_GRID_ADD_ROW = "Ajouter une ligne vide sous la ligne choisie."
TOOLTIP_GRID_ADD_COLUMN = "Ajouter une colonne vide à droite de la colonne choisie."
TOOLTIP_GRID_REMOVE_ROW = "Supprimer la ligne choisie (confirmation si elle n’est pas vide)."
TOOLTIP_GRID_REMOVE_COLUMN = "Supprimer la colonne choisie (confirmation si elle n’est pas vide)."
GRID_HINT = "Pour écrire : Entrée ou une lettre."
GRID_EDITING_HEADER = "Intitulé de la colonne {column} — Entrée : valider, Échap : annuler"
GRID_EDITING_CELL = "Ligne {row}, colonne {column} — Entrée : valider, Échap : annuler"
GRID_REMOVE_ROW_TITLE = "Supprimer une ligne"
GRID_REMOVE_ROW_QUESTION = "Supprimer la ligne {row} ({cells}) ?"
GRID_REMOVE_COLUMN_TITLE = "Supprimer une colonne"
GRID_REMOVE_COLUMN_QUESTION = "Supprimer la colonne « {column} » et son contenu ?"
GRID_UNTITLED_COLUMN = "sans intitulé"
GRID_QUOTED = "« {text} »"
GRID_KEEP_HEADERS = "La ligne des intitulés reste : videz ses cellules pour les effacer."
GRID_KEEP_ONE_COLUMN = "Un tableau garde au moins une colonne."

# Undo, redo and the earlier versions (« Historique »)

KEY_UNDO = "Annuler la modif."
KEY_REDO = "Rétablir"
KEY_VERSIONS = "Historique"
TOOLTIP_UNDO = (
    "Annuler la dernière modification du chapitre : texte saisi, bloc ajouté, déplacé, "
    "supprimé, type changé."
)
TOOLTIP_REDO = "Refaire la dernière modification annulée."
TOOLTIP_VERSIONS = (
    "Les versions précédentes du chapitre : qui, quand, ce qui diffère ; en restaurer une."
)
NOTHING_TO_UNDO = "Rien à annuler."
NOTHING_TO_REDO = "Rien à rétablir."
VERSIONS_TITLE = "Historique de « {title} »"
VERSIONS_EMPTY = "Aucune version précédente : elles sont gardées à chaque enregistrement."
VERSION_LINE = "n° {number} · {moment} · {size} · par {author}"
VERSION_SIZE = "{size}\u00a0Ko"
VERSION_AUTHOR_UNKNOWN = "inconnu"
VERSIONS_HINT = "↑↓ : choisir une version · Entrée : la restaurer · Échap : fermer"
VERSIONS_HINT_READ_ONLY = (
    "↑↓ : choisir une version · Échap : fermer (lecture seule : vous ne pouvez pas restaurer)"
)
VERSION_SAME = "Cette version est identique au chapitre actuel."
VERSION_DIFF_HEAD = "Différences entre la version n° {number} et le chapitre actuel ({count}) :"
VERSION_DIFF_FIELD = "{chemin}\n  version n° {number} : {before}\n  actuel : {after}"
VERSION_ABSENT = "(absent)"
VERSION_UNREADABLE = "Cette version ne peut pas être lue : {error}"
RESTORE = "Restaurer"
RESTORE_TITLE = "Restaurer une version"
RESTORE_QUESTION = (
    "Remplacer le chapitre par la version n° {number} du {moment} et l’enregistrer ?\n\n"
    "La version actuelle est gardée dans l’historique, et Ctrl+Z annule la restauration."
)
RESTORED = "Version n° {number} restaurée et enregistrée (Ctrl+Z pour l’annuler)."
RESTORED_KEPT = (
    "Version n° {number} restaurée et enregistrée. Les champs réservés au secrétariat "
    "(statut, historique…) et les commentaires actuels sont conservés."
)
VERSION_DIFF_MORE = "… et {count} autre(s) différence(s)."
RESTORE_UNSAVED = (
    "\n\nVos modifications non enregistrées sont remplacées elles aussi : Ctrl+Z les fait revenir."
)

# Pictures (image blocks: a field marked "x-widget": "media")
MEDIA_CHOOSE = "— choisir une image du dossier medias/ —"
MEDIA_NONE = "— aucune image dans medias/ : copiez-y un fichier PNG ou JPEG —"
MEDIA_OPTION = "{path} — {details}"
MEDIA_PROBLEM = "{path} — inutilisable : {problem}"


# « Relecture Word… » (W on the dashboard)

KEY_PROOFREAD = "Relecture Word"
TOOLTIP_PROOFREAD = "Reprendre les corrections et commentaires d’un export relu dans Word."
PROOFREAD_TITLE = "Relecture Word"
PROOFREAD_PICK = "Le document Word relu (exports, du plus récent au plus ancien) :"
PROOFREAD_FILE_LINE = "{name} — {moment}"
PROOFREAD_BEFORE = "avant : "
PROOFREAD_AFTER = "après : "
PROOFREAD_PATH_PLACEHOLDER = "ou le chemin d’un autre fichier .docx, puis Entrée"
PROOFREAD_NO_EXPORT = "Aucun export dans le dossier exports/ : indiquez le chemin du document relu."
PROOFREAD_HINT_FILE = "Entrée : lire ce document (rien n’est écrit avant Ctrl+S) · Échap"
PROOFREAD_HINT_REVIEW = (
    "Espace : accepter/refuser · A/N : tout le chapitre · Ctrl+S : enregistrer · Échap"
)
PROOFREAD_READING = "Lecture de « {name} »…"
PROOFREAD_FAILED = "Lecture impossible : {error}"
PROOFREAD_SUMMARY = "« {name} » : tout est accepté au départ, rien n’est écrit avant Ctrl+S."
PROOFREAD_UNPLACED = "Non rattaché à un bloc : {what} — {why}"
PROOFREAD_MISSING_CHAPTER = "Chapitre « {id} » : absent de l’espace de travail."
PROOFREAD_CHANGED_SINCE = "modifié depuis l’export"
PROOFREAD_VALIDATED = "validé : corrections proposées en commentaire"
PROOFREAD_NOTHING_NEW = "rien de nouveau"
PROOFREAD_ACCEPTED = "[✓]"
PROOFREAD_REJECTED = "[ ]"
PROOFREAD_TOGGLE = "Accepter/refuser"
PROOFREAD_ACCEPT_ALL = "Tout accepter"
PROOFREAD_REJECT_ALL = "Tout refuser"
PROOFREAD_APPLY = "Enregistrer"
PROOFREAD_KIND_CHANGE = "correction"
PROOFREAD_KIND_PROPOSED = (
    "correction proposée en commentaire (le texte a changé ou le chapitre est validé)"
)
PROOFREAD_KIND_PARAGRAPH = "paragraphe ajouté dans Word"
PROOFREAD_KIND_COMMENT = "commentaire de {author}"
PROOFREAD_KIND_REPLY = "commentaire exporté, répondu ou résolu par {author}"
PROOFREAD_RESOLVED = "résolu"
PROOFREAD_APPLYING = "Enregistrement…"
PROOFREAD_REFUSED = "Chapitre « {id} » : non modifié — {error}"
PROOFREAD_NOTHING = "Rien à enregistrer : toutes les propositions sont refusées."
PROOFREAD_CHAPTER_DONE = "Chapitre « {id} » : {summary}."

FILE_NOTES_TITLE = "Note laissée dans le fichier (non imprimée) :"
