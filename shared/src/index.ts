// The public API of @frontline/shared. Other workspaces import only from here.
