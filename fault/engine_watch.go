package fault

// SetDisabled switches the rule with the given id off (disabled true) or
// on again and returns it as stored; false when no rule has the id. A
// disabled rule keeps its place and its count: it neither counts nor fires
// until it is enabled again.
func (e *Engine) SetDisabled(id string, disabled bool) (Rule, bool) {
	defer e.changed()
	e.mu.Lock()
	defer e.mu.Unlock()
	st, ok := e.ids[id]
	if !ok {
		return Rule{}, false
	}
	st.disabled.Store(disabled)
	r := st.rule.clone()
	r.Disabled = disabled
	return r, true
}

// OnChange makes f be called after each call that may have changed the
// rules (Add, Replace, Remove, Clear, SetDisabled), once the engine's lock
// is released, so that a watcher can tell others to read them again. f
// must return quickly; nil stops the calls. Counting requests is not a
// change.
func (e *Engine) OnChange(f func()) {
	if f == nil {
		e.onChange.Store(nil)
		return
	}
	e.onChange.Store(&f)
}

func (e *Engine) changed() {
	if f := e.onChange.Load(); f != nil {
		(*f)()
	}
}
